// An operation someone else started (another terminal's az, the portal): a node image upgrade of
// one pool, sent straight through the ARM SDK, not through any step or board of the session.
import type { Connection } from '../../src/model/connection.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { until } from '../helpers/sim-session.js';

/** Starts a node image upgrade of `pool` and waits until ARM shows it running. */
export async function nodeImageUpgradeElsewhere(
  sim: Simulator,
  connection: Connection,
  pool = 'system',
): Promise<void> {
  const { client, at } = connection.arm!;
  const other = client.agentPools.upgradeNodeImageVersion(at.resourceGroup, at.name, pool, {
    updateIntervalInMs: 5,
  });
  void other.pollUntilDone().catch(() => undefined);
  await until(
    () =>
      sim.aks.state.pools.find((p) => p.name === pool)?.provisioningState ===
      'UpgradingNodeImageVersion',
    'node image upgrade to start',
  );
}
