// A cluster can carry AKS's force-upgrade override from an earlier `az aks upgrade
// --enable-force-upgrade` (upgradeSettings.overrideSettings {forceUpgrade: true, until}: az's
// default window is three days). While `until` is ahead, any upgrade PUT that carries it skips
// AKS's upgrade validations (stop-cluster-upgrade-api-breaking-changes.md: deprecated-API usage;
// newer APIs also force drains past PodDisruptionBudgets, upgrade-options.md "force upgrade").
// The plain control-plane upgrade (not `f`, the override the operator asks for) sends the cluster
// back as read, override included, and its question says nothing of it: an override the operator
// did not ask for rides along.
import { describe, expect, it } from 'vitest';
import type { ManagedCluster } from '@azure/arm-containerservice';
import { controlPlaneBody } from '../../src/steps/upgrades/bodies.js';

const read: ManagedCluster = {
  location: 'westeurope',
  kubernetesVersion: '1.31.8',
  upgradeSettings: {
    overrideSettings: { forceUpgrade: true, until: new Date(Date.now() + 2 * 24 * 3600_000) },
  },
  agentPoolProfiles: [{ name: 'system', orchestratorVersion: '1.31.8', mode: 'System' }],
};

describe('a plain control-plane upgrade of a cluster with an active force override', () => {
  it.fails('does not send the force override the operator did not ask for', () => {
    const body = controlPlaneBody(read, '1.32.5');
    expect(body.kubernetesVersion).toBe('1.32.5');
    expect(body.upgradeSettings?.overrideSettings?.forceUpgrade).not.toBe(true);
  });
});
