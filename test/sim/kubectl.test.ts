import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectl, requireKubectl } from './helpers/kube-kubectl.js';
import { type KubeTestServer, startKube, waitFor, writeKubeconfig } from './helpers/kube-server.js';

const NP = (cidr: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-imds
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - ipBlock:
        cidr: ${cidr}
        except:
        - 169.254.169.254/32
`;

describe('real kubectl 1.32 against the simulated API server', () => {
  let server: KubeTestServer;
  let env: { kubeconfig: string; home: string };
  let cleanup: () => void;

  beforeAll(async () => {
    requireKubectl();
    server = await startKube();
    const kc = writeKubeconfig(server, server.token('alice@contoso.com', ['system:masters']));
    env = { kubeconfig: kc.path, home: kc.dir };
    cleanup = kc.cleanup;
  });
  afterAll(async () => {
    cleanup?.();
    await server?.close();
  });

  const world = () => server.api.world;

  const nodeOf = (app: string): string => {
    for (const n of world().listNodes()) {
      if (
        world()
          .podsOnNode(n.metadata.name)
          .some((p) => p.metadata.labels?.['app'] === app)
      ) {
        return n.metadata.name;
      }
    }
    throw new Error(`no pod of ${app}`);
  };

  it('lists nodes and pods in every namespace', async () => {
    const r = await kubectl(['get', 'nodes,pods', '-A'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /node\/aks-nodepool1-12345678-vmss000000\s+Ready\s+<none>\s+\S+\s+v1\.32\.4/,
    );
    expect(r.stdout).toMatch(/shop\s+pod\/web-\w+-\w{5}\s+1\/1\s+Running/);
    expect(r.stdout).toMatch(/kube-system\s+pod\/kube-proxy-\w{5}/);
    expect(r.stdout.match(/pod\/kube-proxy/g)).toHaveLength(3);
  });

  it('cordons and uncordons a node, with the taint the server adds', async () => {
    const node = 'aks-nodepool1-12345678-vmss000002';
    const c = await kubectl(['cordon', node], env);
    expect(c.stdout.trim()).toBe(`node/${node} cordoned`);
    expect(world().getNode(node)?.['spec']).toMatchObject({
      unschedulable: true,
      taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
    });
    const again = await kubectl(['cordon', node], env);
    expect(again.stdout.trim()).toBe(`node/${node} already cordoned`);
    const u = await kubectl(['uncordon', node], env);
    expect(u.stdout.trim()).toBe(`node/${node} uncordoned`);
    expect(world().getNode(node)?.['spec']).not.toHaveProperty('unschedulable');
    expect(world().getNode(node)?.['spec']).not.toHaveProperty('taints');
  });

  it('drains a node without a blocking budget; evicted pods come back elsewhere', async () => {
    const dbNode = nodeOf('db');
    const node = world()
      .listNodes()
      .map((n) => n.metadata.name)
      .find(
        (n) =>
          n !== dbNode &&
          world()
            .podsOnNode(n)
            .some((p) => p.metadata.labels?.['app'] === 'web'),
      )!;
    const allBefore = new Set(
      world()
        .listNodes()
        .flatMap((n) => world().podsOnNode(n.metadata.name))
        .map((p) => p.metadata.uid),
    );
    const before = world()
      .podsOnNode(node)
      .filter((p) => p.metadata.labels?.['app'] === 'web');
    expect(before.length).toBeGreaterThan(0);
    const r = await kubectl(
      ['drain', node, '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=60s'],
      env,
      70_000,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`node/${node} cordoned`);
    for (const p of before) {
      expect(r.stdout).toContain(`evicting pod shop/${p.metadata.name}`);
      expect(r.stdout).toContain(`pod/${p.metadata.name} evicted`);
    }
    expect(r.stdout).toContain(`node/${node} drained`);
    expect(r.stderr).toMatch(
      /Warning: ignoring DaemonSet-managed Pods: kube-system\/kube-proxy-\w{5}/,
    );
    const evicted = new Set(before.map((p) => p.metadata.uid));
    const web = await waitFor('3 web pods again', () => {
      const pods = world()
        .listNodes()
        .flatMap((n) => world().podsOnNode(n.metadata.name))
        .filter((p) => p.metadata.labels?.['app'] === 'web' && !p.metadata.deletionTimestamp);
      return pods.length === 3 && pods;
    });
    for (const p of web) {
      expect(p['spec']).not.toMatchObject({ nodeName: node });
    }
    // The evicted pods are gone for good; their replacements have new uids.
    expect(web.filter((p) => evicted.has(p.metadata.uid))).toHaveLength(0);
    expect(web.filter((p) => !allBefore.has(p.metadata.uid))).toHaveLength(before.length);
    expect(world().getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
    await kubectl(['uncordon', node], env);
  });

  it('times out draining a node whose pod a strict budget protects; the node stays cordoned', async () => {
    const node = nodeOf('db');
    const t0 = Date.now();
    const r = await kubectl(['drain', node, '--ignore-daemonsets', '--timeout=6s'], env, 40_000);
    expect(r.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.stderr).toMatch(
      /error when evicting pods\/"db-\w+-\w{5}" -n "shop" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\./,
    );
    expect(r.stderr).toMatch(/global timeout reached: 6s/);
    expect(r.stderr).toContain(`There are pending nodes to be drained:\n ${node}`);
    expect(world().getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
    expect(
      world()
        .podsOnNode(node)
        .some((p) => p.metadata.labels?.['app'] === 'db'),
    ).toBe(true);
    await kubectl(['uncordon', node], env);
  });

  it('applies a valid NetworkPolicy as a server dry run without storing it', async () => {
    const file = join(env.home, 'np-good.yaml');
    writeFileSync(file, NP('0.0.0.0/0'));
    const r = await kubectl(['apply', '--dry-run=server', '-f', file], env);
    expect(r.stdout.trim()).toBe(
      'networkpolicy.networking.k8s.io/deny-imds created (server dry run)',
    );
    expect(r.code).toBe(0);
    const get = await kubectl(['get', 'networkpolicy', '-n', 'shop', 'deny-imds'], env);
    expect(get.code).toBe(1);
    expect(get.stderr.trim()).toBe(
      'Error from server (NotFound): networkpolicies.networking.k8s.io "deny-imds" not found',
    );
  });

  it("rejects the AKS docs' invalid CIDR with the API server's message", async () => {
    const file = join(env.home, 'np-bad.yaml');
    writeFileSync(file, NP('10.10.0.0/0#example'));
    const r = await kubectl(['apply', '--dry-run=server', '-f', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'The NetworkPolicy "deny-imds" is invalid: spec.egress[0].to[0].ipBlock.cidr: Invalid value: "10.10.0.0/0#example": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    );
  });

  it('answers auth can-i (protobuf SSAR) from RBAC objects', async () => {
    const yes = await kubectl(['auth', 'can-i', 'create', 'pods/eviction', '-n', 'shop'], env);
    expect(yes.stdout.trim()).toBe('yes');
    expect(yes.code).toBe(0);
    const kc = writeKubeconfig(server, server.token('bob@contoso.com', []));
    try {
      const bob = { kubeconfig: kc.path, home: kc.dir };
      const no = await kubectl(['auth', 'can-i', 'patch', 'nodes'], bob);
      expect(no.stdout.trim()).toBe('no');
      expect(no.code).toBe(1);
      const denied = await kubectl(['cordon', 'aks-nodepool1-12345678-vmss000000'], bob);
      expect(denied.stderr.trim()).toBe(
        'Error from server (Forbidden): nodes "aks-nodepool1-12345678-vmss000000" is forbidden: User "bob@contoso.com" cannot get resource "nodes" in API group "" at the cluster scope',
      );
    } finally {
      kc.cleanup();
    }
  });
  it('answers a SubjectAccessReview for someone else (kubectl create -f)', async () => {
    const sar = (spec: string) => {
      const file = join(env.home, 'sar.yaml');
      writeFileSync(
        file,
        `apiVersion: authorization.k8s.io/v1\nkind: SubjectAccessReview\nspec:\n${spec}`,
      );
      return kubectl(['create', '-f', file, '-o', 'jsonpath={.status.allowed}'], env);
    };
    const masters = await sar(
      '  user: carol\n  groups: [system:masters]\n  resourceAttributes: {verb: delete, resource: nodes}\n',
    );
    expect(masters.stderr).toBe('');
    expect(masters.stdout.trim()).toBe('true');
    // Only the groups given count: the review adds no system:authenticated.
    const bare = await sar('  user: carol\n  nonResourceAttributes: {verb: get, path: /version}\n');
    expect(bare.stdout.trim()).toBe('false');
    const authenticated = await sar(
      '  user: carol\n  groups: [system:authenticated]\n  nonResourceAttributes: {verb: get, path: /version}\n',
    );
    expect(authenticated.stdout.trim()).toBe('true');
    const invalid = await sar('  resourceAttributes: {verb: get, resource: pods}\n');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('at least one of user or group must be specified');
  });

  it('prints budgets and workloads with server-side tables', async () => {
    const r = await kubectl(['get', 'pdb,deploy', '-n', 'shop'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\npoddisruptionbudget\.policy\/db-pdb\s+1\s+N\/A\s+0\s+\S+/,
    );
    expect(r.stdout).toMatch(/deployment\.apps\/web\s+3\/3\s+3\s+3\s+\S+/);
  });

  it('drains with --disable-eviction (protobuf DELETEs), bypassing the budget', async () => {
    const node = nodeOf('db');
    const db = world()
      .podsOnNode(node)
      .find((p) => p.metadata.labels?.['app'] === 'db')!;
    const r = await kubectl(
      ['drain', node, '--ignore-daemonsets', '--disable-eviction', '--timeout=60s'],
      env,
      70_000,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`pod/${db.metadata.name} deleted`);
    expect(r.stdout).toContain(`node/${node} drained`);
    await waitFor('db back on another node', () =>
      world()
        .listNodes()
        .some(
          (n) =>
            n.metadata.name !== node &&
            world()
              .podsOnNode(n.metadata.name)
              .some((p) => p.metadata.labels?.['app'] === 'db'),
        ),
    );
    await kubectl(['uncordon', node], env);
  });
  it('scales a Deployment through the scale subresource, which frees the budget', async () => {
    const r = await kubectl(['scale', 'deployment/db', '-n', 'shop', '--replicas=2'], env);
    expect(r.stdout.trim()).toBe('deployment.apps/db scaled');
    await waitFor(
      'db budget allows one disruption',
      async () => {
        const get = await kubectl(
          ['get', 'pdb', 'db-pdb', '-n', 'shop', '-o', 'jsonpath={.status.disruptionsAllowed}'],
          env,
        );
        return get.stdout === '1';
      },
      20_000,
    );
  });
});
