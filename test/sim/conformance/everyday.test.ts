// The commands of every tutorial and every maintenance window, with both kubectl minors: get,
// describe, delete, cordon, drain and auth can-i, read off the simulated cluster as kubectl prints
// them from a real API server.
import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/kube/resources.js';
import { SERVED_MINORS, servedKubectl } from './served-kubectl.js';

describe.each(SERVED_MINORS)('everyday kubectl 1.%s', (minor) => {
  const k = servedKubectl(minor, { speed: 50 });
  const world = () => k.server().api.world;
  const store = () => k.server().api.context.store;
  const live = (app: string) =>
    store()
      .list(R.pods, 'shop')
      .filter((p) => p.metadata.labels?.['app'] === app && !p.metadata.deletionTimestamp);
  /** A node without the db pod (its budget allows no disruption). */
  const freeNode = (): string =>
    world()
      .listNodes()
      .map((n) => n.metadata.name)
      .find(
        (n) =>
          !world()
            .podsOnNode(n)
            .some((p) => p.metadata.labels?.['app'] === 'db'),
      )!;

  it('gets nodes and pods with the columns and versions of the served minor', async () => {
    const r = await k.run(['get', 'nodes,pods', '-A', '-o', 'wide']);
    expect(r.stderr).toBe('');
    const header = r.stdout.split('\n').find((l) => l.startsWith('NAME'))!;
    expect(header.split(/\s{2,}/)).toEqual([
      'NAME',
      'STATUS',
      'ROLES',
      'AGE',
      'VERSION',
      'INTERNAL-IP',
      'EXTERNAL-IP',
      'OS-IMAGE',
      'KERNEL-VERSION',
      'CONTAINER-RUNTIME',
    ]);
    expect(
      r.stdout.match(new RegExp(`\\sReady\\s+<none>\\s+\\S+\\s+v1\\.${minor}\\.`, 'g')),
    ).toHaveLength(3);
    expect(r.stdout).toMatch(
      /shop\s+pod\/db-\w+-\w{5}\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+aks-/,
    );
  });

  it('describes a node, a pod and a deployment', async () => {
    const node = world().listNodes()[0]!.metadata.name;
    const n = await k.run(['describe', 'node', node]);
    expect(n.code, n.stderr).toBe(0);
    expect(n.stdout).toMatch(new RegExp(`^Name:\\s+${node}$`, 'm'));
    expect(n.stdout).toMatch(/^Unschedulable:\s+false$/m);
    // The kubelet's heartbeat lease, from kube-node-lease.
    expect(n.stdout).toMatch(
      new RegExp(
        String.raw`^Lease:\n  HolderIdentity:\s+${node}\n  AcquireTime:\s+<unset>\n  RenewTime:\s+\w{3}, `,
        'm',
      ),
    );
    const leases = await k.run(['get', 'leases', '-n', 'kube-node-lease']);
    expect(leases.stdout.split('\n')[0]!.split(/\s{2,}/)).toEqual(['NAME', 'HOLDER', 'AGE']);
    expect(leases.stdout.trim().split('\n')).toHaveLength(4);
    expect(n.stdout).toMatch(/^PodCIDR:\s+10\.244\.\d+\.0\/24$/m);
    expect(n.stdout).toMatch(new RegExp(`Kubelet Version:\\s+v1\\.${minor}\\.`));
    expect(n.stdout).toMatch(/^Non-terminated Pods:\s+\(\d+ in total\)$/m);
    expect(n.stdout).toContain('Allocated resources:');
    const p = await k.run(['describe', 'pod', '-n', 'shop', '-l', 'app=db']);
    expect(p.stdout).toMatch(/^Status:\s+Running$/m);
    expect(p.stdout).toMatch(/^Controlled By:\s+ReplicaSet\/db-\w+$/m);
    expect(p.stdout).toMatch(/^QoS Class:\s+BestEffort$/m);
    const d = await k.run(['describe', 'deployment', 'web', '-n', 'shop']);
    expect(d.stdout).toMatch(
      /^Replicas:\s+3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable$/m,
    );
    expect(d.stdout).toMatch(/^NewReplicaSet:\s+web-\w+ \(3\/3 replicas created\)$/m);
  });

  it('deletes a pod, and its ReplicaSet replaces it', async () => {
    const [victim] = live('web');
    const r = await k.run(['delete', 'pod', victim!.metadata.name, '-n', 'shop']);
    expect(r.stdout.trim()).toBe(`pod "${victim!.metadata.name}" deleted`);
    const w = await k.run(
      [
        'wait',
        '--for=jsonpath={.status.readyReplicas}=3',
        'deployment/web',
        '-n',
        'shop',
        '--timeout=30s',
      ],
      40_000,
    );
    expect(w.code, w.stderr).toBe(0);
    expect(live('web').map((p) => p.metadata.uid)).not.toContain(victim!.metadata.uid);
  });

  it('cordons, drains and uncordons a node', async () => {
    const node = freeNode();
    expect((await k.run(['cordon', node])).stdout.trim()).toBe(`node/${node} cordoned`);
    const nodes = await k.run(['get', 'node', node]);
    expect(nodes.stdout).toMatch(/Ready,SchedulingDisabled/);
    const drain = await k.run(['drain', node, '--ignore-daemonsets', '--timeout=60s'], 70_000);
    expect(drain.code, drain.stderr).toBe(0);
    expect(drain.stdout).toContain(`node/${node} already cordoned`);
    expect(drain.stdout).toContain(`node/${node} drained`);
    expect(
      world()
        .podsOnNode(node)
        .filter((p) => p.metadata.namespace === 'shop'),
    ).toEqual([]);
    expect((await k.run(['uncordon', node])).stdout.trim()).toBe(`node/${node} uncordoned`);
  });

  it('answers auth can-i from RBAC, for the caller and for someone with less', async () => {
    const yes = await k.run(['auth', 'can-i', 'create', 'pods/eviction', '-n', 'shop']);
    expect([yes.stdout.trim(), yes.code]).toEqual(['yes', 0]);
    const no = await k.runAs('pat@contoso.com', [], ['auth', 'can-i', 'patch', 'nodes']);
    expect([no.stdout.trim(), no.code]).toEqual(['no', 1]);
    const list = await k.runAs('pat@contoso.com', [], ['auth', 'can-i', '--list', '-n', 'shop']);
    expect(list.stdout).toMatch(
      /^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m,
    );
    expect(list.stdout).not.toMatch(/^pods\s/m);
  });
});
