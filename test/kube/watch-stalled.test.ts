// A watch whose stream stays open while nothing arrives (a proxy idling it) must not leave the
// session following a picture that stands still: no event and no bookmark for the silence bound
// is told as 'lost', the kind is listed again (told 'LISTED': changes may have passed unseen) and
// watched again, and it is live again only once the new watch delivers something. Each watch
// asks the API server for bookmarks and to end it after `timeoutSeconds`; a watch the server ends
// so is watched again from the last resourceVersion, quietly. Spec:
// https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes
// (watch bookmarks, `timeoutSeconds`, 410 Gone). Real client-node over HTTPS to the simulator,
// its `stallWatch` fault.
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterWatches } from '../../src/kube/cluster-watches.js';
import type { WatchHealth } from '../../src/model/watch-health.js';
import type { FaultSpec } from '../../src/sim/faults.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { connectToSim, until } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
let watches: ClusterWatches | undefined;
afterEach(async () => {
  watches?.close();
  await sim?.close();
  sim = watches = undefined;
});

/** The first watch of nodes is answered and then held silent; the next ones work. */
const STALL_FIRST_NODE_WATCH: FaultSpec = {
  api: 'kube',
  stallWatch: 1,
  times: 1,
  pathPattern: '^/api/v1/nodes$',
};

const nodeWatches = () =>
  sim!.log.entries.filter((e) => e.path === '/api/v1/nodes' && /[?&]watch=(true|1)/.test(e.query));

async function follow(faults: FaultSpec, timing: ConstructorParameters<typeof ClusterWatches>[1]) {
  sim = await startSimulator({ scenario: 'demo', speed: 600, faults });
  const connection = await connectToSim(sim);
  watches = new ClusterWatches(connection.kc, timing);
  const told: WatchHealth[] = [];
  const changes: string[] = [];
  watches.on('nodes', (c) => changes.push(`${c.type} ${c.object?.metadata?.name ?? ''}`.trim()));
  watches.health('nodes', (h) => told.push(h));
  return { told, changes };
}

describe('a watch that goes silent', () => {
  it('is told lost, listed again (a change made meanwhile is read) and watched again', async () => {
    const f = await follow(STALL_FIRST_NODE_WATCH, { silenceMs: 800 });
    await until(() => nodeWatches().length === 1, 'the first watch', 10_000);
    // Made while the stream is held silent: nothing of it reaches this side yet.
    const gone = sim!.kube.listNodes()[0]!.metadata.name;
    sim!.kube.deleteNode(gone);
    await until(() => f.told.some((h) => h.state === 'lost'), 'the loss told', 10_000);
    expect(f.told.find((h) => h.state === 'lost')).toMatchObject({
      state: 'lost',
      doing: 'watching nodes',
      silentMs: 800,
    });
    // Listed again, which says changes may have been missed: the views read again.
    await until(() => f.changes.includes('LISTED'), 'listed again', 10_000);
    // The silent stream never told the deletion: only the list again covers it.
    expect(f.changes[0]).toBe('LISTED');
    expect(f.changes).not.toContain(`DELETED ${gone}`);
    // Live only once the new watch delivered something (here the API server's bookmark).
    await until(() => f.told.at(-1)?.state === 'live', 'live again', 10_000);
    expect(nodeWatches().length).toBeGreaterThanOrEqual(2);
    // And changes flow again.
    const next = sim!.kube.listNodes()[0]!.metadata.name;
    sim!.kube.deleteNode(next);
    await until(() => f.changes.includes(`DELETED ${next}`), 'the next deletion seen', 10_000);
  }, 30_000);

  it('a watch stalling every time is never told live', async () => {
    const f = await follow(
      { api: 'kube', stallWatch: 1, pathPattern: '^/api/v1/nodes$' },
      { silenceMs: 300 },
    );
    await until(() => nodeWatches().length >= 3, 'three watches', 10_000);
    expect(f.told.filter((h) => h.state === 'lost').length).toBeGreaterThanOrEqual(2);
    // The first answer was live; after the first loss nothing says live again.
    const firstLost = f.told.findIndex((h) => h.state === 'lost');
    expect(f.told.slice(firstLost).filter((h) => h.state === 'live')).toEqual([]);
  }, 30_000);
});

describe('each watch asks for bookmarks and a server-side end', () => {
  it('ended by the API server after timeoutSeconds: watched again from the last version, quietly', async () => {
    const f = await follow({}, { timeoutSeconds: 1 });
    await until(() => nodeWatches().length >= 2, 'a second watch', 10_000);
    const [first, second] = nodeWatches();
    const q1 = new URLSearchParams(first!.query);
    const q2 = new URLSearchParams(second!.query);
    expect(q1.get('allowWatchBookmarks')).toBe('true');
    expect(q1.get('timeoutSeconds')).toBe('1');
    // Resumed from a version (bookmarks carry the newest), not listed again.
    expect(Number(q2.get('resourceVersion'))).toBeGreaterThanOrEqual(
      Number(q1.get('resourceVersion')),
    );
    expect(f.changes).toEqual([]);
    expect(f.told.map((h) => h.state)).toEqual(['live']);
  }, 30_000);

  it('by default the server-side end is 5 to 10 minutes', async () => {
    await follow({}, {});
    await until(() => nodeWatches().length === 1, 'the watch', 10_000);
    const seconds = Number(new URLSearchParams(nodeWatches()[0]!.query).get('timeoutSeconds'));
    expect(seconds).toBeGreaterThanOrEqual(300);
    expect(seconds).toBeLessThan(600);
  }, 30_000);
});
