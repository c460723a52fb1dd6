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
import { controlPlaneBody, leftOverrideLine } from '../../src/steps/upgrades/bodies.js';

const read: ManagedCluster = {
  location: 'westeurope',
  kubernetesVersion: '1.31.8',
  upgradeSettings: {
    overrideSettings: { forceUpgrade: true, until: new Date(Date.now() + 2 * 24 * 3600_000) },
  },
  agentPoolProfiles: [{ name: 'system', orchestratorVersion: '1.31.8', mode: 'System' }],
};

describe('a plain control-plane upgrade of a cluster with an active force override', () => {
  it('does not send the force override the operator did not ask for', () => {
    const body = controlPlaneBody(read, '1.32.5');
    expect(body.kubernetesVersion).toBe('1.32.5');
    expect(body.upgradeSettings?.overrideSettings?.forceUpgrade).not.toBe(true);
    // Sent explicitly: a PUT replaces the cluster, so leaving it out is no promise it is cleared.
    expect(body.upgradeSettings?.overrideSettings?.forceUpgrade).toBe(false);
    expect(leftOverrideLine(read)).toMatch(
      /carries AKS's force-upgrade override .*active until .*this PUT sends forceUpgrade false/,
    );
  });

  it('sends the override when the operator takes it', () => {
    const until = new Date(Date.now() + 3 * 24 * 3600_000);
    const body = controlPlaneBody(read, '1.32.5', until);
    expect(body.upgradeSettings?.overrideSettings).toEqual({ forceUpgrade: true, until });
  });

  it('adds nothing to a cluster that carries no override, and says nothing', () => {
    const plain: ManagedCluster = { ...read, upgradeSettings: undefined };
    expect(controlPlaneBody(plain, '1.32.5').upgradeSettings).toBeUndefined();
    expect(leftOverrideLine(plain)).toBeUndefined();
    const off: ManagedCluster = {
      ...read,
      upgradeSettings: { overrideSettings: { forceUpgrade: false } },
    };
    expect(controlPlaneBody(off, '1.32.5').upgradeSettings).toEqual(off.upgradeSettings);
    expect(leftOverrideLine(off)).toBeUndefined();
  });

  it('says a lapsed override is lapsed, and still turns it off', () => {
    const lapsed: ManagedCluster = {
      ...read,
      upgradeSettings: { overrideSettings: { forceUpgrade: true, until: new Date(0) } },
    };
    expect(controlPlaneBody(lapsed, '1.32.5').upgradeSettings?.overrideSettings?.forceUpgrade).toBe(
      false,
    );
    expect(leftOverrideLine(lapsed)).toMatch(/lapsed at 1970-01-01T00:00:00.000Z/);
  });
});
