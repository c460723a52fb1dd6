// The session's watches against the simulated API server: a watch the server refuses (no `watch`
// right, an expired token) ends and is told as refused, never retried in silence; a watch that
// fails in a way a retry may mend (5xx) is told as retrying, and as live once it answers again.
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterWatches } from '../../src/kube/cluster-watches.js';
import type { WatchHealth } from '../../src/model/watch-health.js';
import { kubeStatus, type Interceptor } from '../../src/sim/server.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { connectToSim, until } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
let watches: ClusterWatches | undefined;
afterEach(async () => {
  watches?.close();
  await sim?.close();
  sim = watches = undefined;
});

const isWatch = (q: { method: string; query: URLSearchParams }) =>
  q.method === 'GET' && (q.query.get('watch') === 'true' || q.query.get('watch') === '1');

/** Answers every watch of nodes with `status` while `on()` holds; counts the answers. */
function failingNodeWatch(status: number, reason: string, on: () => boolean = () => true) {
  const hits = { count: 0 };
  const intercept: Interceptor = (q) => {
    if (!isWatch(q) || q.path !== '/api/v1/nodes' || !on()) return undefined;
    hits.count++;
    return kubeStatus(status, reason, `nodes: ${reason}`);
  };
  return { hits, intercept };
}

async function follow(intercept: Interceptor) {
  sim = await startSimulator({ scenario: 'demo', speed: 50 });
  (sim as unknown as { https: { interceptors: Interceptor[] } }).https.interceptors.unshift(
    intercept,
  );
  const connection = await connectToSim(sim);
  watches = new ClusterWatches(connection.kc, { backoff: { min: 5, max: 20 } });
  const told: WatchHealth[] = [];
  const changes: string[] = [];
  watches.on('nodes', (c) => changes.push(c.type));
  watches.health('nodes', (h) => told.push(h));
  return { told, changes, last: () => told[told.length - 1]! };
}

describe('a followed kind tells how its watch stands', () => {
  it('403 (no watch right): refused once, not retried, named', async () => {
    const { hits, intercept } = failingNodeWatch(403, 'Forbidden');
    const f = await follow(intercept);
    await until(() => f.last().state === 'refused', 'the refusal told', 10_000);
    expect(f.last()).toMatchObject({
      state: 'refused',
      doing: 'watching nodes',
      words: '403 Forbidden',
      kind: 'forbidden',
    });
    // The watch's loop has ended: nothing is left that could ask again.
    await until(() => watches!.running === 0, 'the watch loop ended', 10_000);
    expect(hits.count).toBe(1);
    expect(f.told.filter((h) => h.state === 'retrying')).toEqual([]);
  }, 30_000);

  it('401 (an expired token): refused as unauthenticated', async () => {
    const { intercept } = failingNodeWatch(401, 'Unauthorized');
    const f = await follow(intercept);
    await until(() => f.last().state === 'refused', 'the refusal told', 10_000);
    expect(f.last()).toMatchObject({ kind: 'unauthenticated', words: '401 Unauthorized' });
  }, 30_000);

  it('503: told as retrying with a count, then live, and changes flow again', async () => {
    let failing = true;
    const { hits, intercept } = failingNodeWatch(503, 'ServiceUnavailable', () => failing);
    const f = await follow(intercept);
    // The server counts an answer before the client has heard it: wait for what was told.
    await until(
      () => f.told.filter((h) => h.state === 'retrying').length >= 3,
      'three failures told',
      10_000,
    );
    expect(hits.count).toBeGreaterThanOrEqual(3);
    expect(f.last()).toMatchObject({
      state: 'retrying',
      doing: 'watching nodes',
      words: '503 Service Unavailable',
    });
    failing = false;
    await until(() => f.last().state === 'live', 'live again', 10_000);
    sim!.kube.deleteNode(sim!.kube.listNodes()[0]!.metadata.name);
    await until(() => f.changes.includes('DELETED'), 'the deletion seen', 10_000);
  }, 30_000);

  it('a refused watch starts again when asked, and is live once the server allows it', async () => {
    let refusing = true;
    const { hits, intercept } = failingNodeWatch(403, 'Forbidden', () => refusing);
    const f = await follow(intercept);
    await until(() => f.last().state === 'refused', 'the refusal told', 10_000);
    // Asked while still refused: refused again, told again (a new time), one request more.
    const first = f.last();
    expect(watches!.retryRefused()).toBe(1);
    expect(watches!.retryRefused()).toBe(0); // one watch per kind, even asked twice
    await until(() => hits.count === 2 && f.last() !== first, 'refused again', 10_000);
    expect(f.last().state).toBe('refused');
    refusing = false;
    expect(watches!.retryRefused()).toBe(1);
    await until(() => f.last().state === 'live', 'live after the retry', 10_000);
    sim!.kube.deleteNode(sim!.kube.listNodes()[0]!.metadata.name);
    await until(() => f.changes.includes('DELETED'), 'the deletion seen', 10_000);
  }, 30_000);
});
