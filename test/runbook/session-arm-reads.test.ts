// At the start of a session the running-operation board learns from connect's own read of the ARM
// cluster and pools instead of reading them again (one ARM round trip, 100-300 ms, less on the
// way to the first screen); an operation found that way is still followed to its end, and the
// cluster card is read again when it ends.
import { afterEach, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../src/sim/request-log.js';
import { SessionStore } from '../../src/runbook/session.js';
import { startSession, type RunningSession } from '../../src/runbook/start-session.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../reliability/fault-rig.js';

let sim: RunningSim | undefined;
let running: RunningSession | undefined;
afterEach(async () => {
  await running?.stop();
  await sim?.stop();
  running = sim = undefined;
});

const isClusterRead = (e: LoggedRequest): boolean =>
  e.api === 'arm' && e.method === 'GET' && /\/managedClusters\/[^/]+$/.test(e.path);
const isPoolsRead = (e: LoggedRequest): boolean =>
  e.api === 'arm' && e.method === 'GET' && /\/managedClusters\/[^/]+\/agentPools$/.test(e.path);

async function session(): Promise<{ store: SessionStore; running: RunningSession }> {
  const store = new SessionStore({ readOnly: true, dryRun: false, demo: false });
  const state = tempDir('session-arm-reads-');
  running = await startSession(
    { cloud: 'AzureCloud', demo: false, simConnection: sim!.connectionFile },
    store,
    { XDG_STATE_HOME: state, HOME: state },
  );
  return { store, running };
}

const settled = (store: SessionStore): boolean =>
  Object.values(store.getState().steps).every(
    (s) => s.kind !== 'not-started' && s.kind !== 'running',
  );

describe('the ARM reads at the start of a session', () => {
  it('read the cluster and its pools once: the operations board takes connect’s read', async () => {
    sim = await startSimCommand('demo');
    const { store } = await session();
    await until(() => settled(store), 'every step looked at', 60_000);
    const log = sim.sim.log.entries;
    expect(log.filter(isClusterRead)).toHaveLength(1);
    expect(log.filter(isPoolsRead)).toHaveLength(1);
    // The board knows (nothing runs on the demo cluster).
    expect(running!.host!.operations.known).toBe(true);
    expect(store.getState().operation).toBeUndefined();
  }, 90_000);

  it('an operation connect saw running is followed to its end, and the card is read again then', async () => {
    sim = await startSimCommand('demo');
    // Someone else's node image upgrade is running on the system pool as the session starts.
    const pool = sim.sim.aks.state.pools.find((p) => p.name === 'system')!;
    pool.provisioningState = 'UpgradingNodeImageVersion';
    const { store } = await session();
    const op = await until(() => store.getState().operation, 'the operation on the board', 30_000);
    expect(op).toMatchObject({ by: 'elsewhere', resource: { kind: 'pool', name: 'system' } });
    expect(sim.sim.log.entries.filter(isClusterRead)).toHaveLength(1);
    const card = () => {
      const c = store.getState().connection;
      return c.phase === 'connected' ? c.cluster : undefined;
    };
    expect(card()?.pools.find((p) => p.name === 'system')?.provisioningState).toBe(
      'UpgradingNodeImageVersion',
    );
    pool.provisioningState = 'Succeeded';
    await until(() => store.getState().operation?.phase === 'succeeded', 'the end seen', 30_000);
    await until(
      () => card()?.pools.find((p) => p.name === 'system')?.provisioningState === 'Succeeded',
      'the card read again',
      30_000,
    );
  }, 90_000);
});
