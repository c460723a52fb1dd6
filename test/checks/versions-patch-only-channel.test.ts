// The cluster auto-upgrade channel `patch` never moves the cluster to a new minor by itself (it
// falls out of the N-2 window like a cluster on `none`): it is flagged (versions.patch-only-channel,
// low, as none), the inventory counts it a risk, and the advice on `none` offers stable or rapid.
import { describe, expect, it } from 'vitest';
import type { VersionFacts } from '../../src/checks/versions/facts.js';
import { versionFindings } from '../../src/checks/versions/findings.js';
import { risksOf } from '../../src/checks/fleet/inventory-risk.js';
import type { InventoryCluster } from '../../src/model/inventory.js';

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
  it('is said to leave minor upgrades to the operator, as none is (low), advising stable or rapid', () => {
    const found = versionFindings(facts('Patch')).filter(
      (f) => f.id === 'versions.patch-only-channel',
    );
    expect(found.map((f) => f.severity)).toEqual(['low']);
    expect(found[0]!.message).toMatch(/never moves the minor/);
    expect(found[0]!.remediation).toMatch(/stable or rapid/);
  });

  it('is not offered as a way to stay in support by the advice on channel none', () => {
    const off = versionFindings(facts('none')).find((f) => f.id === 'versions.auto-upgrade-off');
    expect(off?.remediation).not.toMatch(/\bpatch\b(?! never)/);
    expect(off?.remediation).toMatch(/stable or rapid/);
  });

  for (const channel of ['stable', 'rapid', 'none', 'node-image']) {
    it(`is not said of the channel ${channel}`, () => {
      const ids = versionFindings(facts(channel)).map((f) => f.id);
      expect(ids).not.toContain('versions.patch-only-channel');
    });
  }

  it('is a risk in the inventory (no-minor-upgrade), and stable is not', () => {
    const cluster = (upgradeChannel: string) =>
      ({
        subscriptionId: 's',
        resourceGroup: 'g',
        location: 'westeurope',
        id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c',
        name: 'c',
        support: 'supported',
        pools: [],
        upgradeChannel,
        nodeOsChannel: 'NodeImage',
        entra: true,
        localAccounts: false,
        api: 'private',
        defender: true,
      }) as unknown as InventoryCluster;
    expect(risksOf(cluster('patch'))).toContain('no-minor-upgrade');
    expect(risksOf(cluster('stable'))).not.toContain('no-minor-upgrade');
    expect(risksOf(cluster('stable'))).not.toContain('no-auto-upgrade');
  });
});
