// Repro: with the cluster auto-upgrade channel `patch`, nothing says the cluster never moves to a
// new minor by itself (it falls out of the N-2 window like a cluster on `none`), and the advice on
// `none` offers `patch` as a way to stay in support.
import { describe, expect, it } from 'vitest';
import type { VersionFacts } from '../../src/checks/versions/facts.js';
import { versionFindings } from '../../src/checks/versions/findings.js';

const region = [
  { minor: '1.30', isPreview: false, isDefault: false, lts: true, patches: ['1.30.12'] },
  { minor: '1.31', isPreview: false, isDefault: false, lts: false, patches: ['1.31.8'] },
  { minor: '1.32', isPreview: false, isDefault: true, lts: false, patches: ['1.32.5'] },
];

function facts(channel: string): VersionFacts {
  return {
    cluster: 'aks-one',
    controlPlane: {
      version: '1.30.12',
      current: '1.30.12',
      upgrades: [{ version: '1.31.8', isPreview: false }],
    },
    provisioningState: 'Succeeded',
    pools: [
      {
        name: 'system',
        mode: 'System',
        osType: 'Linux',
        count: 3,
        version: '1.30.12',
        current: '1.30.12',
        upgrades: [],
        provisioningState: 'Succeeded',
        settings: {},
      },
    ],
    region,
    channels: { upgrade: channel, nodeOS: 'NodeImage' },
    maintenance: { names: ['aksManagedAutoUpgradeSchedule', 'aksManagedNodeOSUpgradeSchedule'] },
  };
}

// learn.microsoft.com/azure/aks/auto-upgrade-cluster: `patch` "upgrades the cluster to the latest
// supported patch version ... while keeping the minor version the same"; best practices: "To
// ensure your cluster is always in a supported version (i.e within the N-2 rule), choose either
// stable or rapid channels."
describe('the auto-upgrade channel patch', () => {
  it.fails('is said to leave minor upgrades to the operator, as none is', () => {
    const minorsByHand = versionFindings(facts('patch')).filter(
      (f) =>
        f.object?.kind === 'ManagedCluster' &&
        (f.id === 'versions.auto-upgrade-off' || /minor/i.test(f.message)),
    );
    expect(minorsByHand).not.toEqual([]);
  });

  it.fails('is not offered as a way to stay in support by the advice on channel none', () => {
    const off = versionFindings(facts('none')).find((f) => f.id === 'versions.auto-upgrade-off');
    expect(off?.remediation).not.toMatch(/\bpatch\b/);
  });
});
