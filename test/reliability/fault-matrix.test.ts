// The fault matrix: each simulator fault once, through the real clients. Each: a clear message,
// bounded retries (Retry-After honoured where retrying is right), no crash, nodes left cordoned
// said so, and a complete journal.
import { PolicyV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import { listAllNodes } from '../../src/kube/nodes.js';
import type { FaultSpec } from '../../src/sim/faults.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeDrainStep } from '../../src/steps/drain/index.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import type { Connection } from '../../src/model/connection.js';
import { connectTo, expectJournalComplete, faultRig, until, type FaultRig } from './fault-rig.js';

let sim: Simulator | undefined;
let rig: FaultRig | undefined;
afterEach(async () => {
  await sim?.close();
  await rig?.close();
  sim = rig = undefined;
});

const kubeFault = async (faults: FaultSpec) => {
  sim = await startSimulator({
    scenario: 'minimal',
    speed: 600,
    faults: { api: 'kube', ...faults },
  });
  return sim;
};
/** Requests to one path, in order, with their statuses. */
const statuses = (s: Simulator, path: string) =>
  s.log.entries.filter((e) => e.path === path).map((e) => e.status);

/**
 * The statuses of connect's two first reads (version, nodes) once both have given up: whichever
 * gives up first fails connect while the other may still be on its last attempt.
 */
const bothGivenUp = (s: Simulator) =>
  until(
    () =>
      statuses(s, '/version').length >= 4 &&
      statuses(s, '/api/v1/nodes').length >= 4 && {
        version: statuses(s, '/version'),
        nodes: statuses(s, '/api/v1/nodes'),
      },
    'both first reads to give up',
  );

describe('Kubernetes reads under faults (retried: GETs are idempotent)', () => {
  it('429 with Retry-After: waits exactly what the server asked, then succeeds', async () => {
    const s = await kubeFault({ throttle: 0.4, throttleRetryAfter: 3, seed: 7 });
    const { connection, sleeps } = await connectTo(s);
    expect(connection.summary.nodeCount).toBeGreaterThan(0);
    expect(s.log.entries.some((e) => e.api === 'kube' && e.status === 429)).toBe(true);
    expect(sleeps.length).toBeGreaterThan(0);
    expect(new Set(sleeps)).toEqual(new Set([3000]));
  });

  it('429 without Retry-After: exponential backoff, bounded by the cap', async () => {
    const s = await kubeFault({ throttle: 0.4, seed: 7 });
    const { connection, sleeps } = await connectTo(s, { baseDelayMs: 100, maxDelayMs: 250 });
    expect(connection.summary.nodeCount).toBeGreaterThan(0);
    expect(sleeps.length).toBeGreaterThan(0);
    for (const ms of sleeps) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(250);
    }
  });

  it('429 that never ends: four attempts, then one line naming the status', async () => {
    const s = await kubeFault({ throttle: 1, throttleRetryAfter: 1 });
    const error = await connectTo(s).then(
      () => new Error('connected'),
      (e: unknown) => e as Error,
    );
    expect(error.message).toMatch(
      /kept throttling requests \(429\) after the retries while trying to read the version and nodes; the server is rate-limiting/,
    );
    // Throttled is not refused: no "forbidden", no "ask for read access", no HTTP dump.
    expect(error.message).not.toMatch(/forbidden|read access|HTTP-Code|Headers/i);
    expect(error.message.split('\n')).toHaveLength(1);
    expect(await bothGivenUp(s)).toEqual({
      version: [429, 429, 429, 429],
      nodes: [429, 429, 429, 429],
    });
  });

  it('500: retried with backoff until the server answers', async () => {
    const s = await kubeFault({ serverError: 0.4, serverErrorStatus: 500, seed: 3 });
    const { connection, sleeps } = await connectTo(s);
    expect(connection.summary.nodeCount).toBeGreaterThan(0);
    expect(s.log.entries.some((e) => e.status === 500)).toBe(true);
    expect(sleeps.length).toBeGreaterThan(0);
  });

  it('503 that persists: bounded, then a clear line', async () => {
    const s = await kubeFault({ serverError: 1, serverErrorStatus: 503 });
    await expect(connectTo(s)).rejects.toThrow(
      /the API server at \S+ failed \(503\) while trying to read the version and nodes/,
    );
    expect(await bothGivenUp(s)).toEqual({
      version: [503, 503, 503, 503],
      nodes: [503, 503, 503, 503],
    });
  });

  it('connection reset: asked again; a server that keeps dropping is "cannot reach"', async () => {
    const s = await kubeFault({ reset: 0.3, seed: 4 });
    const { connection } = await connectTo(s);
    for (let i = 0; i < 8; i++)
      expect((await listAllNodes(connection.kc)).length).toBeGreaterThan(0);
    expect(s.log.entries.some((e) => e.status === 0)).toBe(true);
    await s.close();
    // The simulator speaks HTTP/2 with client-node (undici), as kube-apiserver does: a reset is
    // the request's stream reset, its connection stays.
    const dropping = await kubeFault({ reset: 1 });
    await expect(connectTo(dropping)).rejects.toThrow(
      /cannot reach the API server at \S+ \(ERR_HTTP2_STREAM_ERROR\) while trying to read the version and nodes; check the address/,
    );
    expect(await bothGivenUp(dropping)).toEqual({ version: [0, 0, 0, 0], nodes: [0, 0, 0, 0] });
  });

  it('2 s latency against a 300 ms read timeout: one clear line, not retried, no hang', async () => {
    const s = await kubeFault({ latencyMs: 2000 });
    const started = Date.now();
    await expect(connectTo(s, { timeoutMs: 300 })).rejects.toThrow(/did not answer in time/);
    // Not retried after a full timeout (that would multiply the wait), and no hang.
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('2 s latency within the default timeout: slow, but it works', async () => {
    const s = await kubeFault({ latencyMs: 2000 });
    const { connection, sleeps } = await connectTo(s);
    expect(connection.summary.nodeCount).toBeGreaterThan(0);
    expect(sleeps).toEqual([]);
  }, 60_000);
});

describe('ARM under faults', () => {
  const armFault = async (faults: FaultSpec) => {
    sim = await startSimulator({
      scenario: 'minimal',
      speed: 600,
      faults: { api: 'arm', ...faults },
    });
    return sim;
  };
  /** Reads the cluster a few times more through the connection's SDK client; all must succeed. */
  const armStatuses = async (s: Simulator, connection: Connection) => {
    const { client, at } = connection.arm!;
    for (let i = 0; i < 6; i++) {
      expect((await client.managedClusters.get(at.resourceGroup, at.name)).name).toBe(s.arm.name);
    }
    return s.log.entries.filter((e) => e.api === 'arm' && e.method === 'GET').map((e) => e.status);
  };

  it('429 with Retry-After: the Azure SDK waits and asks again', async () => {
    const s = await armFault({ throttle: 0.5, throttleRetryAfter: 0, seed: 5 });
    const { connection } = await connectTo(s);
    expect(connection.arm?.facts.cluster.name).toBe(s.arm.name);
    expect(await armStatuses(s, connection)).toContain(429);
  });

  it('429 without Retry-After: retried too (the SDK alone would give up at once)', async () => {
    const s = await armFault({ throttle: 0.5, seed: 5 });
    const { connection } = await connectTo(s);
    expect(connection.arm?.facts.cluster.name).toBe(s.arm.name);
    expect(await armStatuses(s, connection)).toContain(429);
  }, 60_000);

  it('500: retried by the Azure SDK', async () => {
    const s = await armFault({ serverError: 0.5, serverErrorStatus: 500, seed: 5 });
    const { connection } = await connectTo(s);
    expect(connection.arm?.facts.cluster.name).toBe(s.arm.name);
    expect(await armStatuses(s, connection)).toContain(500);
  }, 60_000);

  const upgrades = makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 });
  const upgradeControlPlane = async (faults: FaultSpec) => {
    rig = await faultRig('minimal', faults, { upgrades });
    await rig.host.open('upgrades');
    await rig.host.send('upgrades', { type: 'target', version: '1.32.5' });
    await rig.confirmed('upgrades', { type: 'action', key: 'c' });
    return (rig.store.getState().stepViews.upgrades?.result ?? []).join('\n');
  };

  it('409 busy: explained as another operation running; nothing changed; journal complete', async () => {
    const result = await upgradeControlPlane({ armBusy: 1 });
    expect(result).toMatch(/409/);
    expect(result).toMatch(/Another operation is still running/);
    expect(rig!.sim.aks.state.currentKubernetesVersion).toBe('1.31.8');
    expectJournalComplete(rig!.journalLines());
    expect(rig!.journalLines().filter((l) => l['type'] === 'result')).toMatchObject([
      { outcome: 'failed' },
    ]);
  });

  it('a long-running operation ending Failed: said so, journal complete', async () => {
    const result = await upgradeControlPlane({ operationOutcome: 'Failed' });
    expect(result).toMatch(/fail/i);
    expectJournalComplete(rig!.journalLines());
    expect(rig!.journalLines().find((l) => l['type'] === 'result')).toMatchObject({
      outcome: 'failed',
    });
  });

  it('a long-running operation ending Canceled: said so, journal complete', async () => {
    const result = await upgradeControlPlane({ operationOutcome: 'Canceled' });
    expect(result).toMatch(/cancel/i);
    expectJournalComplete(rig!.journalLines());
    expect(rig!.journalLines().find((l) => l['type'] === 'result')?.['outcome']).not.toBe('ok');
  });

  it('token expiry mid-run: the next step says to sign in again, no crash, no write', async () => {
    rig = await faultRig('minimal', {}, { upgrades });
    rig.sim.expireTokens();
    await rig.host.open('upgrades');
    const status = rig.store.getState().steps.upgrades;
    const said = JSON.stringify([status, rig.store.getState().stepViews.upgrades]);
    expect(said).toMatch(/refused your sign-in|did not accept your credentials|az login/);
    expect(rig.sim.log.writes()).toEqual([]);
  });
});

describe('drain under faults', () => {
  const drain = makeDrainStep({ retryMs: 20, pollMs: 10, concurrency: 10 });
  const state = (r: FaultRig) => r.store.getState().stepStates.drain as DrainState;
  const nodeRunning = (s: Simulator, prefix: string) =>
    s.kube
      .listNodes()
      .find((n) =>
        s.kube.podsOnNode(n.metadata.name).some((p) => p.metadata.name.startsWith(prefix)),
      )!.metadata.name;

  it('a PDB that never clears: the node times out, stays cordoned and says so; journal complete', async () => {
    rig = await faultRig(
      'demo',
      { api: 'kube', throttle: 0.1, throttleRetryAfter: 0, seed: 2 },
      { drain },
    );
    await rig.host.open('drain');
    const node = nodeRunning(rig.sim, 'orders-db');
    await rig.host.send('drain', {
      type: 'options',
      options: { ...DEFAULT_DRAIN_OPTIONS, timeoutSeconds: 1 },
    });
    await rig.confirmed('drain', { type: 'drain', nodes: [node] });
    const done = state(rig).progress!.nodes[0]!;
    expect(done.phase).toBe('timed-out');
    expect(done.notes.join('\n')).toMatch(
      /the node stays cordoned\. PDB orders-db allowed no eviction/,
    );
    expect(state(rig).leftCordoned).toEqual([node]);
    expect(rig.sim.kube.getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
    expectJournalComplete(rig.journalLines());
  });

  it('a pod recreated under the same name (new uid) counts as moved, not as still there', async () => {
    rig = await faultRig('demo', {}, { drain });
    // Let the StatefulSet pod go: without its PDB it is evicted and recreated as orders-db-0.
    await rig.connection.kc
      .makeApiClient(PolicyV1Api)
      .deleteNamespacedPodDisruptionBudget({ name: 'orders-db', namespace: 'payments' });
    await rig.host.open('drain');
    const node = nodeRunning(rig.sim, 'orders-db');
    const old = rig.sim.kube.podsOnNode(node).find((p) => p.metadata.name === 'orders-db-0')!;
    await rig.confirmed('drain', { type: 'drain', nodes: [node] });
    expect(state(rig).progress!.nodes[0]!.phase).toBe('drained');
    const again = rig.sim.kube
      .listNodes()
      .flatMap((n) => rig!.sim.kube.podsOnNode(n.metadata.name))
      .find((p) => p.metadata.name === 'orders-db-0');
    if (again) expect(again.metadata.uid).not.toBe(old.metadata.uid);
    expect(rig.sim.kube.podsOnNode(node).some((p) => p.metadata.name === 'orders-db-0')).toBe(
      false,
    );
    expectJournalComplete(rig.journalLines());
  });
});
