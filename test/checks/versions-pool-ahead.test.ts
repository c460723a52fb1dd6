// A pool whose nodes run a newer version than the control plane (minor or patch) is outside the
// skew Kubernetes and AKS allow: a high pool-skew finding that says what to do.
import { describe, expect, it } from 'vitest';
import type { VersionFacts } from '../../src/checks/versions/facts.js';
import { versionFindings } from '../../src/checks/versions/findings.js';

const region = [
  { minor: '1.31', isPreview: false, isDefault: false, lts: false, patches: ['1.31.8'] },
  { minor: '1.32', isPreview: false, isDefault: true, lts: false, patches: ['1.32.5'] },
  { minor: '1.33', isPreview: false, isDefault: false, lts: false, patches: ['1.33.2'] },
];

const facts: VersionFacts = {
  cluster: 'aks-one',
  controlPlane: { version: '1.31.8', current: '1.31.8', upgrades: [] },
  provisioningState: 'Succeeded',
  pools: [
    {
      name: 'apps',
      mode: 'User',
      osType: 'Linux',
      count: 3,
      version: '1.32.5',
      current: '1.32.5',
      upgrades: [],
      provisioningState: 'Succeeded',
      settings: {},
    },
  ],
  region,
  channels: { upgrade: 'patch', nodeOS: 'NodeImage' },
  maintenance: { names: ['aksManagedAutoUpgradeSchedule'] },
};

describe('a pool newer than the control plane', () => {
  // https://kubernetes.io/releases/version-skew-policy/#kubelet: "kubelet must not be newer than
  // kube-apiserver"; AKS (NodePoolMcVersionIncompatible): node pool minor bigger than control plane's.
  it('is reported as version skew', () => {
    const skew = versionFindings(facts).filter((f) => f.id === 'versions.pool-skew');
    expect(skew.map((f) => f.object?.name)).toEqual(['apps']);
    expect(skew[0]?.severity).toBe('high');
    expect(skew[0]?.message).toMatch(/ahead of the control plane \(1\.31\.8\)/);
    expect(skew[0]?.remediation).toMatch(/Upgrade the control plane to 1\.32\.5/);
  });

  // AKS, "Upgrade a node pool": the node pool version can't be greater than the control plane's
  // major.minor.patch version.
  it('is reported on a newer patch of the same minor too', () => {
    const pool = { ...facts.pools[0]!, version: '1.31.9', current: '1.31.9' };
    const skew = versionFindings({ ...facts, pools: [pool] }).filter(
      (f) => f.id === 'versions.pool-skew',
    );
    expect(skew.map((f) => f.object?.name)).toEqual(['apps']);
    expect(skew[0]?.severity).toBe('high');
  });
});
