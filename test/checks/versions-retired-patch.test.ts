// A control plane on a patch AKS no longer lists for its minor is out of support (medium: the
// minor still is); with no patches listed, the minor's verdict stands.
import { describe, expect, it } from 'vitest';
import type { VersionFacts } from '../../src/checks/versions/facts.js';
import { versionFindings } from '../../src/checks/versions/findings.js';

const region = [
  {
    minor: '1.30',
    isPreview: false,
    isDefault: false,
    lts: false,
    patches: ['1.30.11', '1.30.12'],
  },
  { minor: '1.31', isPreview: false, isDefault: false, lts: false, patches: ['1.31.7', '1.31.8'] },
  { minor: '1.32', isPreview: false, isDefault: true, lts: false, patches: ['1.32.4', '1.32.5'] },
];

const facts: VersionFacts = {
  cluster: 'aks-one',
  // 1.31.1: the minor is in the N-2 window, but the region lists only 1.31.7 and 1.31.8.
  controlPlane: {
    version: '1.31.1',
    current: '1.31.1',
    upgrades: [
      { version: '1.31.8', isPreview: false },
      { version: '1.32.5', isPreview: false },
    ],
  },
  provisioningState: 'Succeeded',
  pools: [],
  region,
  channels: { upgrade: 'patch', nodeOS: 'NodeImage' },
  maintenance: { names: ['aksManagedAutoUpgradeSchedule'] },
};

describe('a control plane on a patch the region no longer lists', () => {
  // learn.microsoft.com/azure/aks/supported-kubernetes-versions, "Kubernetes version support
  // policy": "Each supported minor version also supports a maximum of two (2) stable patches";
  // ListKubernetesVersions' patchVersions are those patches.
  it('is reported as out of support (medium or high), not only as an info upgrade', () => {
    const cp = versionFindings(facts).filter(
      (f) =>
        f.object?.kind === 'ManagedCluster' && (f.severity === 'high' || f.severity === 'medium'),
    );
    expect(cp.map((f) => f.id)).toContain('versions.unsupported');
    expect(cp.find((f) => f.id === 'versions.unsupported')?.message).toMatch(
      /1\.31\.1, a patch AKS no longer lists for 1\.31/,
    );
  });

  it('stays supported when the region lists no patches for the minor', () => {
    const bare = region.map((m) => ({ ...m, patches: [] }));
    const found = versionFindings({ ...facts, region: bare });
    expect(found.map((f) => f.id)).not.toContain('versions.unsupported');
    expect(found.map((f) => f.id)).not.toContain('versions.support-unknown');
  });

  it('is supported on a listed patch', () => {
    const cp = { ...facts.controlPlane, version: '1.31.7', current: '1.31.7' };
    expect(versionFindings({ ...facts, controlPlane: cp }).map((f) => f.id)).not.toContain(
      'versions.unsupported',
    );
  });
});
