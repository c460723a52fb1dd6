// With a cluster auto-upgrade channel that moves versions (patch, stable, rapid) AKS refuses a
// control-plane-only upgrade, which the upgrades step sends first: the planner refuses the target.
import { describe, expect, it } from 'vitest';
import type { VersionFacts } from '../../src/checks/versions/facts.js';
import { refuseTarget } from '../../src/checks/versions/planner.js';

const region = [
  { minor: '1.30', isPreview: false, isDefault: false, lts: true, patches: ['1.30.12'] },
  { minor: '1.31', isPreview: false, isDefault: false, lts: false, patches: ['1.31.8'] },
  { minor: '1.32', isPreview: false, isDefault: true, lts: false, patches: ['1.32.5'] },
];

function facts(channel: string): VersionFacts {
  const pool = (name: string, mode: string) => ({
    name,
    mode,
    osType: 'Linux',
    count: 3,
    version: '1.31.8',
    current: '1.31.8',
    upgrades: [],
    provisioningState: 'Succeeded',
    settings: {},
  });
  return {
    cluster: 'aks-one',
    controlPlane: {
      version: '1.31.8',
      current: '1.31.8',
      upgrades: [{ version: '1.32.5', isPreview: false }],
    },
    provisioningState: 'Succeeded',
    pools: [pool('system', 'System'), pool('apps', 'User')],
    region,
    channels: { upgrade: channel, nodeOS: 'NodeImage' },
    maintenance: { names: ['aksManagedAutoUpgradeSchedule'] },
  };
}

describe('control-plane-only upgrade on a cluster with auto-upgrade on', () => {
  // learn.microsoft.com/azure/aks/auto-upgrade-cluster, "Cluster auto-upgrade limitations": with
  // cluster auto-upgrade "you can't upgrade the control plane only" (AKS answers
  // NotAllAgentPoolOrchestratorVersionSpecifiedAndUnchanged); the step sends exactly that PUT
  // (every pool's orchestratorVersion kept), so the target must be refused before it is sent.
  for (const channel of ['stable', 'patch', 'rapid', 'Stable']) {
    it(`is refused before sending when the upgrade channel is ${channel}, saying why and what to do`, () => {
      const refused = refuseTarget(facts(channel), '1.32.5', false);
      expect(refused).toMatch(/auto-upgrade channel is (stable|patch|rapid)/);
      expect(refused).toMatch(/control-plane-only/);
      expect(refused).toMatch(/az aks upgrade --kubernetes-version 1\.32\.5/);
      expect(refused).toMatch(/channel to none/);
    });
  }

  it('is refused for a patch within the minor too (every control-plane-only PUT is)', () => {
    const f = facts('patch');
    f.controlPlane.upgrades.push({ version: '1.31.9', isPreview: false });
    expect(refuseTarget(f, '1.31.9', false)).toMatch(/auto-upgrade channel is patch/);
  });

  for (const channel of ['none', 'node-image', undefined]) {
    it(`is allowed with the channel ${channel ?? 'unset'}, which never moves versions`, () => {
      const f = facts(channel ?? 'none');
      if (channel === undefined) delete f.channels.upgrade;
      expect(refuseTarget(f, '1.32.5', false)).toBeUndefined();
    });
  }
});
