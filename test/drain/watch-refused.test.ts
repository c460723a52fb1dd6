// The drain table follows the cluster through the session's watches (src/kube/watch-list.ts). A
// watch the API server refuses — a role with get/list but not the separate `watch` verb, a token
// that expired — used to be retried forever without a word: the table kept showing a node
// schedulable after kubectl cordoned it. Now the table says it no longer follows, `l` reads it
// again (and tries watching again), and a change key reads the cluster before it asks.
// (Reproduced by the wt/55 review.)
import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { kubeStatus, type Interceptor } from '../../src/sim/server.js';
import { drainRig, nodeOf } from './rig.js';
import { until } from './sim-session.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
afterEach(async () => {
  if (rig?.store.getState().confirmation) rig.store.answer(false);
  await rig?.close();
  rig = undefined;
});

const isWatch = (q: { method: string; query: URLSearchParams }) =>
  q.method === 'GET' && (q.query.get('watch') === 'true' || q.query.get('watch') === '1');

/** Refuses every watch while `on()` holds, as a role without the `watch` verb is refused. */
const watchForbidden =
  (on: () => boolean = () => true): Interceptor =>
  (q) =>
    isWatch(q) && on()
      ? kubeStatus(403, 'Forbidden', 'nodes is forbidden: User "x" cannot watch resource "nodes"')
      : undefined;

function intercept(r: Rig, i: Interceptor): void {
  (r.sim as unknown as { https: { interceptors: Interceptor[] } }).https.interceptors.unshift(i);
}

/** A schedulable apps node not running orders-db, cordoned with kubectl in another terminal. */
async function cordonElsewhere(r: Rig): Promise<string> {
  const node = r
    .state()
    .nodes.find(
      (n) => n.pool === 'apps' && n.schedulable && n.name !== nodeOf(r.sim, 'orders-db'),
    )!.name;
  await r.connection.kc.makeApiClient(CoreV1Api).patchNode({
    name: node,
    body: [{ op: 'add', path: '/spec/unschedulable', value: true }],
  });
  return node;
}

const shown = (r: Rig, node: string) => r.state().nodes.find((n) => n.name === node);

describe('the drain table when watching is refused', () => {
  it('control: watches allowed, a kubectl cordon shows within moments', async () => {
    rig = await drainRig('demo');
    await rig.host.open('drain');
    const node = await cordonElsewhere(rig);
    await until(() => shown(rig!, node)?.schedulable === false, 'the cordon shown', 10_000);
    expect(rig.state().following).toBeUndefined();
  }, 60_000);

  it('watches refused (403): the table says it no longer follows, what was refused, and what to do', async () => {
    rig = await drainRig('demo');
    intercept(rig, watchForbidden());
    await rig.host.open('drain');
    await until(() => rig!.state().following !== undefined, 'the table says it stopped', 10_000);
    const following = rig.state().following!;
    expect(following.refused).toBe(true);
    expect(following.lines[0]).toMatch(
      /^✖ Not following the cluster: watching (nodes|pods|PodDisruptionBudgets)(, watching \w+)* was refused \(403 Forbidden\)\.$/,
    );
    expect(following.lines[1]).toMatch(/As read at \d\d:\d\d:\d\d UTC\. l reads again/);
    expect(following.lines[1]).toContain('"watch" right');
    // The step's report says it too, and `l` is on offer.
    expect(rig.view().summary).toEqual(expect.arrayContaining(following.lines));
    expect(rig.view().actions?.map((a) => a.key)).toContain('l');
  }, 60_000);

  it('l reads the table again (the cordon shows) and follows again once watching is allowed', async () => {
    rig = await drainRig('demo');
    let refusing = true;
    intercept(
      rig,
      watchForbidden(() => refusing),
    );
    await rig.host.open('drain');
    await until(() => rig!.state().following?.refused === true, 'refused', 10_000);
    const node = await cordonElsewhere(rig);
    refusing = false;
    await rig.host.send('drain', { type: 'action', key: 'l' });
    expect(shown(rig, node)?.schedulable).toBe(false);
    await until(() => rig!.state().following === undefined, 'following again', 10_000);
    expect(rig.view().summary?.join('\n')).not.toMatch(/Not following/);
    // Live again: a second cordon elsewhere shows with no key pressed.
    const second = await cordonElsewhere(rig);
    await until(() => shown(rig!, second)?.schedulable === false, 'the cordon shown', 10_000);
  }, 60_000);

  it('a change key on a table that stopped reads the cluster first: no cordon asked for a node cordoned elsewhere', async () => {
    rig = await drainRig('demo');
    intercept(rig, watchForbidden());
    await rig.host.open('drain');
    await until(() => rig!.state().following?.refused === true, 'refused', 10_000);
    const node = await cordonElsewhere(rig);
    expect(shown(rig, node)?.schedulable).toBe(true); // the table stood still
    const sent = rig.host.send('drain', { type: 'cordon', nodes: [node] });
    await Promise.race([
      sent,
      until(() => rig!.store.getState().confirmation !== undefined, 'a confirmation', 10_000),
    ]);
    expect(rig.store.getState().confirmation).toBeUndefined();
    await sent;
    expect(shown(rig, node)?.schedulable).toBe(false);
  }, 60_000);
});
