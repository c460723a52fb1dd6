// A drain of a node someone else had already cordoned must not count that cordon as its own:
// kubectl drain leaves a node cordoned and never claims it, and kured uncordons after its drain
// only when the node was schedulable before (kubernetes.md §3, kured lock `unschedulable`).
// This tool lifts only the cordons it set (README, the drain step).
import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, expect, it } from 'vitest';
import { drainRig, nodeOf } from './rig.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

it('a node cordoned by someone else before the drain is not offered as "left cordoned by this session" for u to uncordon', async () => {
  rig = await drainRig('demo');
  const node = rig.sim.kube
    .listNodes()
    .map((n) => n.metadata.name)
    .find((n) => n.includes('apps') && n !== nodeOf(rig!.sim, 'orders-db'))!;
  // Another operator cordoned it (kubectl cordon) for their own reason, before this session looked.
  await rig.connection.kc.makeApiClient(CoreV1Api).patchNode({
    name: node,
    body: [{ op: 'add', path: '/spec/unschedulable', value: true }],
  });
  await rig.host.open('drain');
  expect(rig.state().nodes.find((n) => n.name === node)?.schedulable).toBe(false);
  await rig.confirmed({ type: 'drain', nodes: [node] });
  expect(rig.state().progress?.nodes[0]).toMatchObject({ name: node, phase: 'drained' });
  // Correct: this session did not cordon it, so it is not in the list `u` uncordons and the quit
  // warning calls "Still cordoned by this session".
  expect(rig.state().leftCordoned).not.toContain(node);
});
