// AKS's deprecated-API validation in the simulator: a control-plane upgrade to the minor that
// removes an API clients recently wrote through is refused with AKS's error shape, then goes
// through with upgradeSettings.overrideSettings (forceUpgrade + until). Real ARM SDK client.
import { isRestError } from '@azure/arm-containerservice';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { connectToSim } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('simulated AKS upgrade with recent deprecated API use', () => {
  it('refuses without the override, then upgrades with it', async () => {
    sim = await startSimulator({ scenario: 'upgrade-readiness', speed: 600 });
    const connection = await connectToSim(sim);
    const { client } = connection.arm!;
    const { resourceGroup: rg, name } = sim.arm;
    const mc = await client.managedClusters.get(rg, name);
    const fast = { updateIntervalInMs: 5 };

    let refused: unknown;
    try {
      await client.managedClusters
        .createOrUpdate(rg, name, { ...mc, kubernetesVersion: '1.32.5' }, fast)
        .pollUntilDone();
    } catch (e) {
      refused = e;
    }
    expect(isRestError(refused)).toBe(true);
    const err = refused as { statusCode?: number; code?: string; message: string };
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('ValidationError');
    expect(err.message).toContain(
      'usage has been detected on API flowcontrol.apiserver.k8s.io.prioritylevelconfigurations.v1beta3',
    );
    expect(err.message).toContain('which will be removed in 1.32');
    expect(sim.aks.state.currentKubernetesVersion).toBe('1.31.8');

    // An override whose `until` has passed does not count.
    const past = new Date(sim.clock.now() - 60_000);
    await expect(
      client.managedClusters
        .createOrUpdate(
          rg,
          name,
          {
            ...mc,
            kubernetesVersion: '1.32.5',
            upgradeSettings: { overrideSettings: { forceUpgrade: true, until: past } },
          },
          fast,
        )
        .pollUntilDone(),
    ).rejects.toMatchObject({ code: 'ValidationError' });

    const until = new Date(sim.clock.now() + 3 * 24 * 3600_000);
    const upgraded = await client.managedClusters
      .createOrUpdate(
        rg,
        name,
        {
          ...mc,
          kubernetesVersion: '1.32.5',
          upgradeSettings: { overrideSettings: { forceUpgrade: true, until } },
        },
        fast,
      )
      .pollUntilDone();
    expect(upgraded.currentKubernetesVersion).toBe('1.32.5');
  });

  it('does not block a cluster with no recent deprecated writes', async () => {
    sim = await startSimulator({ scenario: 'minimal', speed: 600 });
    const connection = await connectToSim(sim);
    const { client } = connection.arm!;
    const { resourceGroup: rg, name } = sim.arm;
    const mc = await client.managedClusters.get(rg, name);
    const upgraded = await client.managedClusters
      .createOrUpdate(rg, name, { ...mc, kubernetesVersion: '1.32.5' }, { updateIntervalInMs: 5 })
      .pollUntilDone();
    expect(upgraded.currentKubernetesVersion).toBe('1.32.5');
  });
});
