// While AKS rotates a pool, its nodes are read every poll to draw the node-by-node picture. A
// refused read (the kube token expired during a long upgrade, or no `list` on nodes) used to be
// asked again every poll until the operation ended, with nothing on screen: the picture stood
// still. Now it is asked no more and the picture says so; a read that keeps failing in a way a
// retry may mend (5xx) is said as being tried again, and the line goes once a read works.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { LroPoller } from '../../src/azure/upgrade-ops.js';
import { kubeStatus, type Interceptor } from '../../src/sim/server.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { followOperation } from '../../src/steps/rotation/follow.js';
import type { Rotation } from '../../src/steps/rotation/state.js';
import { connectToSim, until } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Answers the pool's node lists with `status` while `on()` holds (after the first snapshot). */
function nodeReads(status: number, reason: string, on: () => boolean) {
  const hits = { count: 0 };
  const intercept: Interceptor = (q) => {
    if (q.method !== 'GET' || q.path !== '/api/v1/nodes' || q.query.get('watch') || !on())
      return undefined;
    hits.count++;
    return kubeStatus(status, reason, `nodes: ${reason}`);
  };
  return { hits, intercept };
}

/** Follows a pretend operation on pool apps that ends when `done` resolves. */
async function follow(intercept: Interceptor, done: Promise<void>) {
  sim = await startSimulator({ scenario: 'demo', speed: 50 });
  (sim as unknown as { https: { interceptors: Interceptor[] } }).https.interceptors.unshift(
    intercept,
  );
  const connection = await connectToSim(sim);
  const pictures: Rotation[] = [];
  // Turns of the poll loop: each waits once between polls.
  const turns = { count: 0 };
  const poller = { pollUntilDone: () => done } as unknown as LroPoller;
  const followed = followOperation({
    kc: connection.kc,
    pool: 'apps',
    what: 'node image upgrade',
    target: { image: 'never-reached' },
    start: () => poller,
    onUpdate: (r) => pictures.push(r),
    signal: new AbortController().signal,
    pollMs: 10,
    wait: async (ms) => {
      turns.count++;
      await sleep(ms);
    },
  });
  return { pictures, turns, followed, last: () => pictures[pictures.length - 1]! };
}

describe('the rotation picture when the pool nodes cannot be read', () => {
  it('refused (401): asked once, said on the picture, kept to the end', async () => {
    let armed = false;
    const { hits, intercept } = nodeReads(401, 'Unauthorized', () => armed);
    let end!: () => void;
    const f = await follow(intercept, new Promise<void>((r) => (end = r)));
    await until(() => f.pictures.length > 0, 'the first picture', 10_000);
    armed = true;
    await until(() => f.last().nodesUnread !== undefined, 'the refusal said', 10_000);
    expect(f.last().nodesUnread).toEqual({
      refused: true,
      line: '✖ Nodes not followed: reading them was refused (401 Unauthorized); the operation is still followed in Azure.',
    });
    // Three more turns of the poll loop, each of which would have read the nodes again.
    const said = f.turns.count;
    await until(() => f.turns.count >= said + 3, 'three more turns of the poll loop', 10_000);
    expect(hits.count).toBe(1);
    end();
    const { ending, rotation } = await f.followed;
    expect(ending.kind).toBe('succeeded');
    expect(rotation.nodesUnread?.refused).toBe(true);
  }, 30_000);

  it('failing (503): said after it failed again, tried again, and the line goes once it reads', async () => {
    let failing = false;
    const { hits, intercept } = nodeReads(503, 'ServiceUnavailable', () => failing);
    let end!: () => void;
    const f = await follow(intercept, new Promise<void>((r) => (end = r)));
    await until(() => f.pictures.length > 0, 'the first picture', 10_000);
    failing = true;
    await until(() => f.last().nodesUnread !== undefined, 'the failures said', 10_000);
    expect(f.last().nodesUnread).toEqual({
      refused: false,
      line: '▲ Nodes not followed: reading them failed (503 Service Unavailable); trying again.',
    });
    failing = false;
    await until(() => f.last().nodesUnread === undefined, 'read again', 10_000);
    expect(hits.count).toBeGreaterThanOrEqual(2);
    end();
    await f.followed;
  }, 30_000);
});
