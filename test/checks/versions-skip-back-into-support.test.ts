// From a control plane out of support AKS allows skipping minors only straight back into support:
// a skip that lands on a minor still out of support is refused, and a skip back into support is
// labelled as a skip (the LTS named only on the LTS plan).
import { describe, expect, it } from 'vitest';
import type { VersionFacts } from '../../src/checks/versions/facts.js';
import {
  refuseTarget,
  skipWarning,
  targetChoices,
  targetLabel,
} from '../../src/checks/versions/planner.js';

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
  it('is refused when the target minor is still out of support (1.27 -> 1.29), saying why', () => {
    const refused = refuseTarget(facts, '1.29.5', false);
    expect(refused).toMatch(/skip 1 minor version/);
    expect(refused).toMatch(/only to a supported minor, and 1\.29 is not supported/);
    expect(refused).not.toMatch(/LTS/);
  });

  it('back into support (1.27 -> 1.30) is allowed and labelled a skip, without the LTS', () => {
    expect(refuseTarget(facts, '1.30.5', false)).toBeUndefined();
    const choices = targetChoices(facts);
    expect(choices.map((c) => `${c.version}:${c.kind}`)).toEqual(['1.30.5:skip', '1.28.5:minor']);
    const label = targetLabel(choices[0]!, '1.27.9');
    expect(label).toBe('skips 2 minors; back into support');
    expect(skipWarning('1.27.9', '1.30.5')).not.toMatch(/LTS/);
    expect(skipWarning('1.27.9', '1.30.5', true)).toMatch(/LTS migration/);
  });

  it('the next minor, still out of support, stays allowed: one minor at a time', () => {
    expect(refuseTarget(facts, '1.28.5', false)).toBeUndefined();
  });

  it('from a supported minor no skip is allowed (1.30 -> 1.32)', () => {
    const supported: VersionFacts = {
      ...facts,
      controlPlane: {
        version: '1.30.5',
        current: '1.30.5',
        upgrades: ['1.31.5', '1.32.5'].map((version) => ({ version, isPreview: false })),
      },
      pools: facts.pools.map((p) => ({ ...p, version: '1.30.5', current: '1.30.5' })),
    };
    expect(refuseTarget(supported, '1.32.5', false)).toMatch(/one minor at a time/);
    expect(targetChoices(supported).map((c) => c.version)).toEqual(['1.31.5']);
  });
});
