// The imds step judges enforcement from the cluster's ARM network profile. Its "look again" must
// read that profile afresh: after the engine is removed elsewhere (`az aks update --network-policy
// none`) the policies enforce nothing, and the step must say so (imds.no-policy-engine).
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/sim/simulator.js';
import { STEP_MODULES } from '../../../src/steps/registry.js';
import { readArmCluster } from '../../../src/azure/cluster.js';
import { connectToSim, hostFor } from '../../helpers/sim-session.js';

describe('imds look again after the policy engine was removed elsewhere', () => {
  it('says nothing enforces the policies any more (imds.no-policy-engine)', async () => {
    const sim = await startSimulator({ scenario: 'demo', speed: 600 });
    try {
      const connection = await connectToSim(sim);
      const { store, host } = await hostFor(connection, { imds: STEP_MODULES.imds });
      await host.open('imds');
      const ids = () => (store.getState().stepViews.imds?.findings ?? []).map((f) => f.id);
      expect(ids()).not.toContain('imds.no-policy-engine');

      // Someone runs `az aks update --network-policy none` in another terminal.
      sim.aks.state.networkProfile.networkPolicy = 'none';
      const arm = connection.arm!;
      expect((await readArmCluster(arm.client, arm.at)).cluster.networkProfile?.networkPolicy).toBe(
        'none',
      );

      const lists = () =>
        sim.log.entries.filter((e) => e.path.endsWith('/networkpolicies') && e.method === 'GET')
          .length;
      const before = lists();
      await host.send('imds', { type: 'action', key: 'l' });
      // The look again did read the cluster's policies afresh...
      expect(lists()).toBeGreaterThan(before);
      expect(store.getState().steps.imds.kind).toBe('findings');
      // Judged on the profile as it is now: nothing enforces the policies.
      expect(ids()).toContain('imds.no-policy-engine');
    } finally {
      await sim.close();
    }
  }, 90_000);

  it("shares connect's read of the cluster on the first look of a read batch", async () => {
    const sim = await startSimulator({ scenario: 'demo', speed: 600 });
    try {
      const connection = await connectToSim(sim);
      const { store, host } = await hostFor(connection, { imds: STEP_MODULES.imds });
      const clusterReads = () =>
        sim.log.entries.filter(
          (e) => e.method === 'GET' && /\/managedClusters\/[^/]+$/i.test(e.path.split('?')[0]!),
        ).length;
      const before = clusterReads();
      expect(before).toBeGreaterThan(0); // connect's own read
      await connection.reads.batch(() => host.open('imds'));
      expect(store.getState().steps.imds.kind).toBe('findings');
      expect(clusterReads()).toBe(before);
    } finally {
      await sim.close();
    }
  }, 90_000);
});
