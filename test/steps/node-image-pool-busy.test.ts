// A pool with an operation already running (someone else's upgrade, a scale) takes no node image
// upgrade from this step: AKS would answer 409. The key says why instead of offering it (reviewed:
// the step's refusal of a running operation covers provisioning states read from ARM).
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/simulator.js';
import { makeNodeImageStep } from '../../src/steps/node-image/index.js';
import { connectToSim, hostFor } from '../helpers/sim-session.js';

describe('node image upgrade of a busy pool', () => {
  it('is not offered while the pool is Upgrading, and says why', async () => {
    const sim = await startSimulator({ scenario: 'demo', speed: 2000 });
    try {
      const pool = sim.aks.state.pools[0]!;
      pool.provisioningState = 'Upgrading';
      const { store, host, close } = await hostFor(await connectToSim(sim), {
        'node-image': makeNodeImageStep({ updateIntervalInMs: 5 }),
      });
      await host.open('node-image');
      const actions = store.getState().stepViews['node-image']?.actions ?? [];
      const key = actions.find((a) => a.label.includes(`pool ${pool.name}`));
      expect(key?.unavailable).toBe(
        `Upgrading on pool ${pool.name} is running; AKS refuses another operation until it ends (a aborts it)`,
      );
      await close();
    } finally {
      await sim.close();
    }
  });
});
