// Enabling Defender is a PUT of the whole managed cluster (as az aks update). AKS takes a PUT of a
// cluster in a Failed state as a reconcile: it retries what failed (a failed upgrade surges,
// cordons and drains again) besides the change asked for; the confirmation must say so.
import type { ManagedCluster } from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { putAlsoReconciles } from '../../../src/steps/defender/plan.js';

const healthy: ManagedCluster = {
  location: 'westeurope',
  provisioningState: 'Succeeded',
  kubernetesVersion: '1.31.8',
  currentKubernetesVersion: '1.31.8',
  agentPoolProfiles: [
    {
      name: 'sys',
      provisioningState: 'Succeeded',
      orchestratorVersion: '1.31.8',
      currentOrchestratorVersion: '1.31.8',
    },
  ],
};

describe('what a PUT of the cluster also does', () => {
  it('nothing more on a cluster that is as it was set', () => {
    expect(putAlsoReconciles(healthy)).toBeUndefined();
    // A minor alias that runs its latest patch is as it was set.
    expect(
      putAlsoReconciles({
        ...healthy,
        kubernetesVersion: '1.31',
        currentKubernetesVersion: '1.31.8',
      }),
    ).toBeUndefined();
  });

  it('a Failed cluster: the PUT retries what failed', () => {
    const line = putAlsoReconciles({ ...healthy, provisioningState: 'Failed' });
    expect(line).toMatch(/Failed/);
    expect(line).toMatch(/retries/);
  });

  it('a Failed pool, named, however ARM cases the state', () => {
    const line = putAlsoReconciles({
      ...healthy,
      agentPoolProfiles: [
        { ...healthy.agentPoolProfiles![0]!, name: 'apps', provisioningState: 'failed' },
      ],
    });
    expect(line).toMatch(/pool apps/);
  });

  it('a pool set to a version it does not run: the PUT sends that version back', () => {
    const line = putAlsoReconciles({
      ...healthy,
      agentPoolProfiles: [
        {
          ...healthy.agentPoolProfiles![0]!,
          orchestratorVersion: '1.31.8',
          currentOrchestratorVersion: '1.30.12',
        },
      ],
    });
    expect(line).toMatch(/sys.*1\.30\.12.*1\.31\.8/);
  });
});
