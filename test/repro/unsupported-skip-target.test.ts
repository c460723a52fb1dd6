// Repro: from a control plane out of support, any offered minor is taken as a permitted skip: a
// skip that lands on a minor still out of support is not refused, and a skip back into support is
// labelled "next minor" in the chooser.
import { describe, expect, it } from 'vitest';
import type { VersionFacts } from '../../src/checks/versions/facts.js';
import { refuseTarget, targetChoices, targetLabel } from '../../src/checks/versions/planner.js';

const region = ['1.30', '1.31', '1.32'].map((minor) => ({
  minor,
  isPreview: false,
  isDefault: minor === '1.31',
  lts: false,
  patches: [`${minor}.5`],
}));

// Control plane and pool on 1.27.9, three minors below the oldest supported one (1.30).
const facts: VersionFacts = {
  cluster: 'aks-old',
  controlPlane: {
    version: '1.27.9',
    current: '1.27.9',
    upgrades: ['1.28.5', '1.29.5', '1.30.5'].map((version) => ({ version, isPreview: false })),
  },
  provisioningState: 'Succeeded',
  pools: [
    {
      name: 'apps',
      mode: 'User',
      osType: 'Linux',
      count: 3,
      version: '1.27.9',
      current: '1.27.9',
      upgrades: [],
      provisioningState: 'Succeeded',
      settings: {},
    },
  ],
  region,
  channels: { upgrade: 'none', nodeOS: 'NodeImage' },
  maintenance: { names: [] },
};

// learn.microsoft.com/azure/aks/upgrade-aks-cluster, "Kubernetes version upgrades": "You can only
// skip multiple versions when upgrading from an unsupported version back to a supported version."
describe('a skip of minors from a control plane out of support', () => {
  it.fails('is refused when the target minor is still out of support (1.27 -> 1.29)', () => {
    expect(refuseTarget(facts, '1.29.5', false)).toBeDefined();
  });

  it.fails('back into support (1.27 -> 1.30) is not labelled "next minor"', () => {
    const choice = targetChoices(facts).find((c) => c.version === '1.30.5')!;
    expect(targetLabel(choice, '1.27.9')).not.toBe('next minor');
  });
});
