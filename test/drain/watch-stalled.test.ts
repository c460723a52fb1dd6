// The drain table follows the cluster through the session's watches. A watch the API server
// answered and that then goes silent (a proxy holding the stream open, nothing passing) used to
// leave the table as it was: a kubectl cordon made meanwhile never showed, and nothing said the
// table stood still. Now no event and no bookmark for the silence bound is said on the table
// ("Watch lost … reading again"), the table is read again (the cordon shows) and the watch starts
// again; the line goes once the new watch delivers. Real client-node over HTTPS to the
// simulator's `stallWatch` fault; the bound is shortened, nothing sleeps.
import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { drainRig, FAST, nodeOf } from './rig.js';
import { until } from './sim-session.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const shown = (r: Rig, node: string) => r.state().nodes.find((n) => n.name === node);

describe('the drain table when its node watch goes silent', () => {
  it('says the watch was lost, reads again (a cordon made meanwhile shows) and follows again', async () => {
    rig = await drainRig(
      'demo',
      {},
      600,
      FAST,
      { api: 'kube', stallWatch: 1, times: 1, pathPattern: '^/api/v1/nodes$' },
      undefined,
      { silenceMs: 1_000 },
    );
    const r = rig;
    // What the table and its summary said, in order, from the first look on.
    const timeline: string[] = [];
    let node = '';
    r.store.subscribe(() => {
      const line = r.state()?.following?.lines[0];
      if (line && timeline.at(-1) !== line) timeline.push(line);
      if (node && shown(r, node)?.schedulable === false && !timeline.includes('cordon shown'))
        timeline.push('cordon shown');
    });
    await r.host.open('drain');
    await until(
      () => r.sim.log.entries.some((e) => e.path === '/api/v1/nodes' && /watch=/.test(e.query)),
      'the node watch',
      10_000,
    );
    // kubectl cordon in another terminal, while the node watch is silent.
    node = r
      .state()
      .nodes.find(
        (n) => n.pool === 'apps' && n.schedulable && n.name !== nodeOf(r.sim, 'orders-db'),
      )!.name;
    await r.connection.kc.makeApiClient(CoreV1Api).patchNode({
      name: node,
      body: [{ op: 'add', path: '/spec/unschedulable', value: true }],
    });
    await until(() => shown(r, node)?.schedulable === false, 'the cordon shown', 10_000);
    await until(() => r.state().following === undefined, 'following again', 10_000);
    // The loss was said on the table before the cordon showed: read again, not seen by the watch.
    expect(timeline[0]).toBe('▲ Watch lost: watching nodes sent nothing for 1 s.');
    expect(timeline.indexOf('cordon shown')).toBeGreaterThan(0);
    expect(r.view().summary?.join('\n') ?? '').not.toMatch(/Watch lost/);
    // Live again: a second cordon shows with no key pressed and no loss said.
    const second = r
      .state()
      .nodes.find(
        (n) => n.pool === 'apps' && n.schedulable && n.name !== nodeOf(r.sim, 'orders-db'),
      )!.name;
    await r.connection.kc.makeApiClient(CoreV1Api).patchNode({
      name: second,
      body: [{ op: 'add', path: '/spec/unschedulable', value: true }],
    });
    await until(() => shown(r, second)?.schedulable === false, 'the second cordon shown', 10_000);
    expect(timeline.filter((l) => l.startsWith('▲ Watch lost'))).toHaveLength(1);
  }, 60_000);
});
