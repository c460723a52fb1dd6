// The uncordon question reads kured's lock right before asking (src/steps/drain/cordon-changes.ts).
// A failed read there is not "no lock": the question says kured could not be checked and asks for
// the node's name, as strongly as when the lock is held (found by the hostile review on wt/55).
import { AppsV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { drainRig, nodeOf } from './rig.js';
import { kubeStatus, type Interceptor } from '../../src/sim/server.js';
import { until } from './sim-session.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Cordons a plain apps node, then kured takes its reboot lock on it (after the table was read). */
async function cordonedThenLocked(r: Rig): Promise<string> {
  await r.host.open('drain');
  const node = r
    .state()
    .nodes.find(
      (n) => n.pool === 'apps' && n.schedulable && n.name !== nodeOf(r.sim, 'orders-db'),
    )!.name;
  await r.confirmed({ type: 'cordon', nodes: [node] });
  expect(r.state().leftCordoned).toEqual([node]);
  const lock = JSON.stringify({
    nodeID: node,
    metadata: { unschedulable: true },
    created: new Date().toISOString(),
    TTL: 0,
  });
  await r.connection.kc.makeApiClient(AppsV1Api).patchNamespacedDaemonSet({
    name: 'kured',
    namespace: 'kube-system',
    body: [
      { op: 'replace', path: '/metadata/annotations/weave.works~1kured-node-lock', value: lock },
    ],
  });
  return node;
}

async function askUncordon(r: Rig, node: string) {
  const sent = r.host.send('drain', { type: 'uncordon', nodes: [node] });
  await until(() => r.store.getState().confirmation !== undefined, 'a confirmation');
  const asked = r.store.getState().confirmation!;
  r.store.answer(false);
  await sent;
  return asked;
}

describe('uncordon while kured holds the lock (taken after the table was read)', () => {
  it('control: the fresh DaemonSet read sees the lock; the node name must be typed', async () => {
    rig = await drainRig('demo');
    const node = await cordonedThenLocked(rig);
    const asked = await askUncordon(rig, node);
    expect(asked.typed).toBe(node);
    expect((asked.details ?? []).join('\n')).toMatch(/kured holds its reboot lock/);
  }, 60_000);

  it('the DaemonSet list fails (403) right before asking: the question says kured was not checked and wants the name typed', async () => {
    rig = await drainRig('demo');
    const node = await cordonedThenLocked(rig);
    const forbidden: Interceptor = (q) =>
      /\/daemonsets$/.test(q.path) && q.method === 'GET'
        ? kubeStatus(
            403,
            'Forbidden',
            'daemonsets.apps is forbidden: User cannot list resource "daemonsets"',
          )
        : undefined;
    (rig.sim as unknown as { https: { interceptors: Interceptor[] } }).https.interceptors.unshift(
      forbidden,
    );
    const asked = await askUncordon(rig, node);
    const words = (asked.details ?? []).join('\n');
    expect(asked.typed).toBe(node);
    expect(words).toMatch(/kured's reboot lock could not be checked/);
    expect(words).toMatch(/Why: .*refused \(403\).*list daemonsets/);
    expect(words).not.toMatch(/kured holds its reboot lock/);
  }, 60_000);
});
