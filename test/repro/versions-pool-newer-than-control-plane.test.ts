// A pool whose nodes run a newer minor than the control plane is outside the skew AKS and
// Kubernetes allow, and the version check says nothing about it.
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
  it.fails('is reported as version skew', () => {
    const skew = versionFindings(facts).filter((f) => f.id === 'versions.pool-skew');
    expect(skew.map((f) => f.object?.name)).toEqual(['apps']);
  });

  // AKS, "Upgrade a node pool": the node pool version can't be greater than the control plane's
  // major.minor.patch version.
  it.fails('is reported on a newer patch of the same minor too', () => {
    const pool = { ...facts.pools[0]!, version: '1.31.9', current: '1.31.9' };
    const skew = versionFindings({ ...facts, pools: [pool] }).filter(
      (f) => f.id === 'versions.pool-skew',
    );
    expect(skew.map((f) => f.object?.name)).toEqual(['apps']);
  });
});
