// Version verdicts built from the AKS documentation and the ARM API: N-2 support from the region's
// version list, LTS-only minors supported on clusters that took the LTS plan, the auto-upgrade
// channel values (`node-image` never moves the Kubernetes version), ARM enum values however cased,
// and no verdict of support drawn from a version or a window that was not reported.
import { describe, expect, it } from 'vitest';
import type { RegionMinor, VersionFacts } from '../../../src/checks/versions/facts.js';
import { versionFindings } from '../../../src/checks/versions/findings.js';
import { isRunningState, preflightFindings } from '../../../src/checks/versions/preflight.js';
import { poolOrder, targetChoices } from '../../../src/checks/versions/planner.js';
import { supportOf } from '../../../src/checks/versions/support.js';
import { batchSettingsText, upgradeBatch } from '../../../src/checks/versions/upgrade-batch.js';
import { risksOf } from '../../../src/checks/fleet/inventory-risk.js';
import type { InventoryCluster } from '../../../src/model/inventory.js';

const minor = (m: string, lts = true, isPreview = false): RegionMinor => ({
  minor: m,
  isPreview,
  isDefault: false,
  lts,
  patches: [`${m}.1`],
});
// 1.29 is past community support, still offered with LTS.
const region = [
  minor('1.29'),
  minor('1.30'),
  minor('1.31'),
  minor('1.32'),
  minor('1.33', false, true),
];

function facts(version: string, over: Partial<VersionFacts> = {}): VersionFacts {
  return {
    cluster: 'aks-one',
    controlPlane: { version, current: version, upgrades: [] },
    provisioningState: 'Succeeded',
    pools: [
      {
        name: 'sys',
        mode: 'System',
        osType: 'Linux',
        count: 3,
        version,
        current: version,
        upgrades: [],
        provisioningState: 'Succeeded',
        settings: {},
      },
    ],
    region,
    channels: { upgrade: 'stable' },
    maintenance: { names: ['aksManagedAutoUpgradeSchedule'] },
    ...over,
  };
}

const verdicts = (f: VersionFacts) => versionFindings(f).map((x) => [x.id, x.severity]);

describe('support window', () => {
  it('an LTS-only minor is supported on the LTS plan, however ARM cases the plan', () => {
    for (const supportPlan of ['AKSLongTermSupport', 'akslongtermsupport']) {
      expect(verdicts(facts('1.29.1', { supportPlan })), supportPlan).toEqual([]);
    }
  });

  it('an LTS-only minor off the LTS plan is a medium finding', () => {
    for (const over of [{}, { supportPlan: 'KubernetesOfficial' }]) {
      expect(verdicts(facts('1.29.1', over))).toEqual([
        ['versions.unsupported', 'medium'],
        ['versions.unsupported', 'medium'],
      ]);
    }
  });

  it('the LTS plan does not cover a minor AKS no longer offers with LTS', () => {
    expect(
      verdicts(facts('1.28.9', { supportPlan: 'AKSLongTermSupport' })).map(([id]) => id),
    ).toEqual(['versions.unsupported', 'versions.unsupported']);
  });

  it('support is not known, never "unsupported", when the region lists no GA minor', () => {
    for (const r of [[], [minor('1.33', false, true)]]) {
      expect(supportOf(r, '1.31.1')).toBe('unknown');
      expect(verdicts(facts('1.31.1', { region: r }))).toEqual([
        ['versions.support-unknown', 'high'],
        ['versions.support-unknown', 'high'],
      ]);
    }
  });

  it('a version ARM did not report is not judged unsupported', () => {
    const f = facts('1.31.1');
    f.pools[0]!.current = '';
    expect(supportOf(region, '')).toBe('unknown');
    expect(verdicts(f)).toEqual([['versions.support-unknown', 'high']]);
  });
});

describe('auto-upgrade channel', () => {
  it.each(['none', 'None', 'NONE', undefined, ''])('%j: Kubernetes upgrades are off', (upgrade) => {
    const f = facts('1.31.1', { channels: upgrade === undefined ? {} : { upgrade } });
    expect(verdicts(f)).toEqual([['versions.auto-upgrade-off', 'low']]);
  });

  it.each(['node-image', 'Node-Image'])(
    '%j moves node images only: upgrades are off',
    (upgrade) => {
      const found = versionFindings(facts('1.31.1', { channels: { upgrade } }));
      expect(found.map((x) => x.id)).toEqual(['versions.auto-upgrade-off']);
      expect(found[0]!.message).toContain('node images only');
    },
  );

  it.each(['stable', 'rapid', 'Stable'])('%j upgrades Kubernetes, minors too', (upgrade) => {
    expect(verdicts(facts('1.31.1', { channels: { upgrade } }))).toEqual([]);
  });

  it.each(['patch', 'Patch'])('%j upgrades patches only: the minor is left by hand', (upgrade) => {
    expect(verdicts(facts('1.31.1', { channels: { upgrade } }))).toEqual([
      ['versions.patch-only-channel', 'low'],
    ]);
  });
});

describe('provisioning states, however cased', () => {
  it('terminal states are not running operations', () => {
    for (const s of ['Succeeded', 'succeeded', 'FAILED', 'canceled'])
      expect(isRunningState(s)).toBe(false);
    for (const s of ['Upgrading', 'UpgradingNodeImageVersion', 'Updating', 'Scaling', 'Canceling'])
      expect(isRunningState(s)).toBe(true);
    const f = facts('1.31.1');
    const pf = preflightFindings({
      pools: f.pools.map((p) => ({ ...p, provisioningState: 'succeeded' })),
      clusterState: 'succeeded',
      pdbs: [],
      nodePools: {},
      notReady: [],
      removedApis: [],
    });
    expect(pf).toEqual([]);
  });

  it('a failed pool at the target is upgraded again, however cased', () => {
    const f = facts('1.31.1');
    const pools = [{ ...f.pools[0]!, provisioningState: 'failed' }];
    expect(poolOrder(pools, '1.31.1', true).map((p) => p.name)).toEqual(['sys']);
  });

  it('an LTS migration target is recognised with the plan in any case', () => {
    const f = facts('1.29.1', {
      supportPlan: 'akslongtermsupport',
      controlPlane: {
        version: '1.29.1',
        current: '1.29.1',
        upgrades: [
          { version: '1.30.1', isPreview: false },
          { version: '1.31.1', isPreview: false },
        ],
      },
    });
    f.pools[0]!.current = '1.29.1';
    expect(targetChoices(f).map((c) => [c.version, c.kind])).toEqual([
      ['1.31.1', 'lts'],
      ['1.30.1', 'minor'],
    ]);
  });
});

describe('fleet inventory risks agree', () => {
  const cluster = (over: Partial<InventoryCluster>): InventoryCluster =>
    ({
      id: '/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/managedClusters/c',
      name: 'c',
      support: 'supported',
      pools: [],
      upgradeChannel: 'stable',
      nodeOsChannel: 'NodeImage',
      entra: true,
      localAccounts: false,
      api: 'private',
      defender: true,
      ...over,
    }) as InventoryCluster;

  it('node-image and None-cased channels are no auto-upgrade; LTS plan in any case covers lts-only', () => {
    expect(risksOf(cluster({ upgradeChannel: 'node-image' }))).toContain('no-auto-upgrade');
    expect(risksOf(cluster({ upgradeChannel: 'None' }))).toContain('no-auto-upgrade');
    expect(risksOf(cluster({ nodeOsChannel: 'none' }))).toContain('no-node-os-channel');
    expect(
      risksOf(cluster({ support: 'lts-only', supportPlan: 'aksLongTermSupport' })),
    ).not.toContain('lts-only');
    expect(risksOf(cluster({ provisioningState: 'succeeded' }))).not.toContain('operation');
  });
});

describe('minor skipping', () => {
  const offered = {
    version: '1.29.1',
    current: '1.29.1',
    upgrades: [
      { version: '1.30.1', isPreview: false },
      { version: '1.32.1', isPreview: false },
    ],
  };
  it('off the LTS plan, an LTS-only minor is out of support: AKS lets it jump back into support', () => {
    const f = facts('1.29.1', { controlPlane: offered });
    f.pools[0]!.current = '1.29.1';
    expect(targetChoices(f).map((c) => c.version)).toEqual(['1.32.1', '1.30.1']);
  });
  it('a supported minor upgrades one minor at a time', () => {
    const f = facts('1.30.1', {
      controlPlane: {
        version: '1.30.1',
        current: '1.30.1',
        upgrades: [
          { version: '1.31.1', isPreview: false },
          { version: '1.32.1', isPreview: false },
        ],
      },
    });
    expect(targetChoices(f).map((c) => c.version)).toEqual(['1.31.1']);
  });
});

describe('upgrade batch from the pool upgrade settings', () => {
  it('an empty maxSurge is unset: the ARM default 10%, not an in-place upgrade', () => {
    expect(upgradeBatch({ maxSurge: '' }, 20)).toEqual({ mode: 'surge', nodes: 2 });
    expect(upgradeBatch({ maxSurge: ' ', maxUnavailable: '' }, 20)).toEqual({
      mode: 'surge',
      nodes: 2,
    });
    expect(batchSettingsText({ maxSurge: '' })).toBe('maxSurge 10% (AKS default)');
  });
  it.each([
    [{}, 10, { mode: 'surge', nodes: 1 }],
    [{ maxSurge: '33%' }, 10, { mode: 'surge', nodes: 4 }],
    [{ maxSurge: '0', maxUnavailable: '2' }, 10, { mode: 'in-place', nodes: 2 }],
    [{ maxSurge: '1', maxUnavailable: '3' }, 10, { mode: 'surge', nodes: 1, fallbackInPlace: 3 }],
    [{ maxSurge: '50' }, 4, { mode: 'surge', nodes: 4 }],
  ])('%j on %i nodes', (settings, count, batch) => {
    expect(upgradeBatch(settings, count)).toEqual(batch);
  });
});
