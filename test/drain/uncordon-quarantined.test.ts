// A node AKS quarantined (undrainableNodeBehavior Cordon: cordoned and labelled
// kubernetes.azure.com/upgrade-status=Quarantined, still on the old version, a surge node kept in
// its place) is offered for uncordon as if it were any cordoned node: neither the finding nor the
// uncordon question says AKS holds it. AKS API reference, UndrainableNodeBehavior "Cordon" (the
// blocked node stays cordoned with that label; the upgrade ends Failed) and kubernetes.md §3
// "Resolve: fix/delete PDB, kubectl label nodes <n> kubernetes.azure.com/upgrade-status-, az aks
// update or scale" — never "uncordon it", which puts new pods on a node the upgrade left behind.
import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { drainRig, nodeOf } from './rig.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function quarantinedRig(): Promise<{ rig: Rig; node: string }> {
  const r = await drainRig('demo');
  const node = r.sim.kube
    .listNodes()
    .map((n) => n.metadata.name)
    .find((n) => n.includes('apps') && n !== nodeOf(r.sim, 'orders-db'))!;
  // What AKS leaves after a drain it could not finish under undrainableNodeBehavior Cordon.
  await r.connection.kc.makeApiClient(CoreV1Api).patchNode({
    name: node,
    body: [
      { op: 'add', path: '/spec/unschedulable', value: true },
      {
        op: 'add',
        path: '/metadata/labels/kubernetes.azure.com~1upgrade-status',
        value: 'Quarantined',
      },
    ],
  });
  await r.host.open('drain');
  return { rig: r, node };
}

describe('a node AKS quarantined after a blocked upgrade drain', () => {
  it('the uncordon question says AKS quarantined it (label kubernetes.azure.com/upgrade-status=Quarantined)', async () => {
    const q = await quarantinedRig();
    rig = q.rig;
    const asked = await rig.confirmed({ type: 'uncordon', nodes: [q.node] }, false);
    expect(asked.change).toBe(`Uncordon node ${q.node}`);
    expect(asked.details?.join('\n') ?? '').toMatch(/Quarantined/);
  });

  it('its finding does not advise a plain uncordon, and names the quarantine', async () => {
    const q = await quarantinedRig();
    rig = q.rig;
    const findings = rig.view().findings ?? [];
    const cordoned = findings.find(
      (f) => f.id === 'drain.node-cordoned' && f.object?.name === q.node,
    );
    expect(cordoned).toBeDefined();
    expect(`${cordoned!.message} ${cordoned!.remediation ?? ''}`).toMatch(/Quarantined/);
  });
});
