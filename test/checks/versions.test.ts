// The version checks and planner with hand-written facts and our ARM fixtures (read via the SDK).
import { describe, expect, it } from 'vitest';
import type { VersionFacts } from '../../src/checks/versions/facts.js';
import { regionMinors, upgradeOptions } from '../../src/checks/versions/from-arm.js';
import { versionFindings } from '../../src/checks/versions/findings.js';
import {
  furthestTarget,
  poolOrder,
  refuseTarget,
  skipWarning,
  targetChoices,
  targetLabel,
} from '../../src/checks/versions/planner.js';
import { poolBlockers } from '../../src/checks/versions/pool-blockers.js';
import { preflightFindings } from '../../src/checks/versions/preflight.js';
import { upgradeBatch } from '../../src/checks/versions/upgrade-batch.js';

const surgeBatch = (maxSurge: string | undefined, count: number, maxUnavailable?: string) =>
  upgradeBatch({ maxSurge, ...(maxUnavailable ? { maxUnavailable } : {}) }, count).nodes;
import { compareVersions } from '../../src/checks/versions/semver.js';
import { removedBetween } from '../../src/checks/versions/removed-apis.js';
import { supportedMinors, supportOf } from '../../src/checks/versions/support.js';
import { upgradeList, versionSummary } from '../../src/checks/versions/table.js';
import { PROFILES_AT } from '../fixtures/arm.js';
import { replayClient } from '../fixtures/arm-replay.js';

const MC = `/subscriptions/${PROFILES_AT.subscriptionId}/resourceGroups/${PROFILES_AT.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${PROFILES_AT.name}`;

/** The SDK client answering the version reads of aks-payments-prod from our fixtures. */
function versionClient() {
  return replayClient([
    {
      method: 'GET',
      path: `/subscriptions/${PROFILES_AT.subscriptionId}/providers/Microsoft.ContainerService/locations/westeurope/kubernetesVersions`,
      answers: ['kubernetes-versions'],
    },
    {
      method: 'GET',
      path: `${MC}/upgradeProfiles/default`,
      answers: ['managed-cluster-upgrade-profile'],
    },
    {
      method: 'GET',
      path: `${MC}/agentPools/apps/upgradeProfiles/default`,
      answers: ['agent-pool-upgrade-profile'],
    },
  ]).client;
}

const region = [
  { minor: '1.30', isPreview: false, isDefault: false, lts: true, patches: ['1.30.11', '1.30.12'] },
  { minor: '1.31', isPreview: false, isDefault: false, lts: false, patches: ['1.31.7', '1.31.8'] },
  { minor: '1.32', isPreview: false, isDefault: true, lts: false, patches: ['1.32.4', '1.32.5'] },
  { minor: '1.33', isPreview: true, isDefault: false, lts: false, patches: ['1.33.1'] },
];

function facts(over: Partial<VersionFacts> = {}): VersionFacts {
  return {
    cluster: 'aks-one',
    controlPlane: {
      version: '1.31.8',
      current: '1.31.8',
      upgrades: [
        { version: '1.32.4', isPreview: false },
        { version: '1.32.5', isPreview: false },
        { version: '1.33.1', isPreview: true },
      ],
    },
    provisioningState: 'Succeeded',
    pools: [
      {
        name: 'apps',
        mode: 'User',
        osType: 'Linux',
        count: 3,
        version: '1.31.8',
        current: '1.31.8',
        upgrades: [],
        provisioningState: 'Succeeded',
        settings: {},
      },
      {
        name: 'system',
        mode: 'System',
        osType: 'Linux',
        count: 2,
        version: '1.31.8',
        current: '1.31.8',
        upgrades: [],
        provisioningState: 'Succeeded',
        settings: { maxSurge: '50%' },
      },
    ],
    region,
    channels: { upgrade: 'none', nodeOS: 'NodeImage' },
    maintenance: { names: [] },
    ...over,
  };
}

describe('support window', () => {
  it('is the newest GA minor and the two before it; LTS beyond that; preview never', () => {
    expect(supportedMinors(region)).toEqual(['1.32', '1.31', '1.30']);
    const older = [
      { minor: '1.29', isPreview: false, isDefault: false, lts: true, patches: [] },
      ...region,
      { minor: '1.34', isPreview: false, isDefault: false, lts: false, patches: [] },
    ];
    expect(supportOf(older, '1.30.12')).toBe('lts-only');
    expect(supportOf(older, '1.28.3')).toBe('unsupported');
    expect(supportOf(older, '1.34.0')).toBe('supported');
  });

  it('a minor newer than any the region lists is not "no longer supported": unknown', () => {
    expect(supportOf(region, '1.35.0')).toBe('unknown');
    const f = facts({
      controlPlane: { version: '1.35.0', current: '1.35.0', upgrades: [] },
      pools: [{ ...facts().pools[0]!, current: '1.35.0', version: '1.35.0' }],
      channels: { upgrade: 'patch' },
    });
    const found = versionFindings(f);
    expect(found.filter((x) => x.id === 'versions.unsupported')).toEqual([]);
    expect(found.filter((x) => x.id === 'versions.support-unknown')).toHaveLength(2);
    // The list may name a newer preview minor: only the generally available ones are older.
    expect(found[0]!.message).toContain('newer than any generally available minor');
    // An old minor the region no longer lists is still out of support.
    expect(supportOf(region, '1.27.3')).toBe('unsupported');
  });

  it('reads the region ListKubernetesVersions answer (preview, default, LTS)', async () => {
    const { values } = await versionClient().managedClusters.listKubernetesVersions('westeurope');
    const minors = regionMinors(values ?? []);
    expect(minors.map((m) => m.minor)).toEqual(['1.30', '1.31', '1.32', '1.33', '1.34']);
    expect(minors.find((m) => m.minor === '1.34')?.isPreview).toBe(true);
    expect(minors.find((m) => m.minor === '1.33')?.isDefault).toBe(true);
    expect(minors.filter((m) => m.lts).map((m) => m.minor)).toEqual(['1.30']);
    expect(minors.find((m) => m.minor === '1.33')?.patches).toEqual(['1.33.2', '1.33.3']);
    expect(supportedMinors(minors)).toEqual(['1.33', '1.32', '1.31']);
    expect(supportOf(minors, '1.30.14')).toBe('lts-only');
  });
});

describe('version findings', () => {
  it('flags an available upgrade, auto-upgrade off and pool skew', () => {
    const f = facts({
      controlPlane: {
        ...facts().controlPlane,
        current: '1.32.5',
        version: '1.32.5',
        upgrades: [{ version: '1.33.1', isPreview: true }],
      },
    });
    const found = versionFindings(f);
    expect(found.map((x) => x.id).sort()).toEqual([
      'versions.auto-upgrade-off',
      'versions.pool-skew',
      'versions.pool-skew',
      'versions.preview-only',
    ]);
    expect(found.find((x) => x.id === 'versions.pool-skew')?.severity).toBe('medium');
  });

  it('a pool on an older patch of the control plane minor is behind it too: low', () => {
    const [apps, system] = facts().pools;
    const f = facts({
      pools: [
        {
          ...apps!,
          current: '1.31.2',
          version: '1.31.2',
          upgrades: [{ version: '1.31.8', isPreview: false }],
        },
        system!,
      ],
      channels: { upgrade: 'patch' },
    });
    const skew = versionFindings(f).filter((x) => x.id === 'versions.pool-skew');
    expect(skew.map((x) => [x.object?.name, x.severity])).toEqual([['apps', 'low']]);
    expect(skew[0]!.message).toContain('1.31.2');
    expect(skew[0]!.message).toContain('1.31.8');
    // A later patch may fix nothing the pool's nodes run: not a certainty.
    expect(skew[0]!.message).toContain('may lack');
  });

  it('says unsupported in plain words, and high skew beyond the three minors AKS allows', () => {
    const f = facts({
      controlPlane: { version: '1.32.5', current: '1.32.5', upgrades: [] },
      pools: [{ ...facts().pools[0]!, current: '1.28.2', version: '1.28.2' }],
      channels: { upgrade: 'patch' },
    });
    const found = versionFindings(f);
    expect(found.find((x) => x.id === 'versions.unsupported')).toMatchObject({
      severity: 'high',
      object: { name: 'apps' },
    });
    expect(found.find((x) => x.id === 'versions.pool-skew')?.severity).toBe('high');
    expect(found.some((x) => x.id === 'versions.auto-upgrade-off')).toBe(false);
  });

  it('a preview minor is newer than support, not past it: medium, and no "jump back" advice', () => {
    const f = facts({
      controlPlane: { version: '1.33.1', current: '1.33.1', upgrades: [] },
      pools: [{ ...facts().pools[0]!, current: '1.33.1', version: '1.33.1' }],
      channels: { upgrade: 'patch' },
    });
    const found = versionFindings(f).filter((x) => x.id === 'versions.unsupported');
    expect(found.map((x) => x.severity)).toEqual(['medium', 'medium']);
    expect(found[0]!.message).toContain('preview');
    expect(found[0]!.message).not.toContain('no longer supports');
  });

  it('lists upgrades like az aks get-upgrades from the cluster and pool upgrade profiles', async () => {
    const client = versionClient();
    const { resourceGroup, name } = PROFILES_AT;
    const profile = await client.managedClusters.getUpgradeProfile(resourceGroup, name);
    const options = upgradeOptions(profile.controlPlaneProfile.upgrades);
    expect(upgradeList(options)).toBe('1.33.3, 1.34.0 (preview)');
    expect(upgradeList([])).toBe('none available');
    const pool = await client.agentPools.getUpgradeProfile(resourceGroup, name, 'apps');
    expect(upgradeOptions(pool.upgrades)).toEqual([
      { version: '1.32.9', isPreview: false },
      { version: '1.33.2', isPreview: false },
    ]);
  });

  it('summarises versions, support and channels in a table', () => {
    const lines = versionSummary(facts());
    expect(lines[1]).toBe('  upgrades: 1.32.4, 1.32.5, 1.33.1 (preview)');
    expect(lines.some((l) => l.startsWith('system    System'))).toBe(true);
    expect(lines).toContain('In support here: 1.32, 1.31, 1.30 · LTS: 1.30 · preview: 1.33');
    expect(lines.at(-1)).toBe('Planned maintenance: none configured');
  });
});

describe('planner', () => {
  it('offers patches and the next minor, never a skip', () => {
    const f = facts({
      controlPlane: {
        ...facts().controlPlane,
        current: '1.30.11',
        upgrades: [
          { version: '1.30.12', isPreview: false },
          { version: '1.31.8', isPreview: false },
          { version: '1.32.5', isPreview: false },
        ],
      },
    });
    expect(targetChoices(f).map((c) => `${c.version}:${c.kind}`)).toEqual([
      '1.31.8:minor',
      '1.30.12:patch',
    ]);
    expect(refuseTarget(f, '1.32.5', false)).toMatch(
      /skip 1 minor version: AKS upgrades one minor at a time \(1\.30\.11 → 1\.31\.x first\)/,
    );
    expect(refuseTarget(f, '1.30.12', false)).toBeUndefined();
  });

  it('on the LTS plan, offers the migration to a newer LTS-enabled version, skipping minors', () => {
    // AKS long-term support article: on the LTS plan AKS migrates in place to an LTS-enabled
    // version, and every supported minor from 1.27 on is LTS-eligible, as the region says here.
    const lts = [
      ...region.map((m) => ({ ...m, lts: compareVersions(`${m.minor}.0`, '1.27.0') >= 0 })),
      { minor: '1.29', isPreview: false, isDefault: false, lts: true, patches: ['1.29.15'] },
    ];
    const upgrades = [
      { version: '1.30.12', isPreview: false },
      { version: '1.31.8', isPreview: false },
      { version: '1.32.5', isPreview: false },
      { version: '1.33.1', isPreview: true },
    ];
    // Pools on the control plane's version, as after a finished upgrade.
    const at = (current: string): Partial<VersionFacts> => ({
      supportPlan: 'AKSLongTermSupport',
      region: lts,
      controlPlane: { ...facts().controlPlane, current, upgrades },
      pools: facts().pools.map((p) => ({ ...p, current, version: current })),
    });
    const from130 = facts(at('1.30.11'));
    const official130 = () => ({ ...from130, supportPlan: 'KubernetesOfficial' as const });
    // What AKS offers decides how far: an offered LTS-enabled minor, not an offered non-LTS one.
    // The 1.33 preview is LTS-enabled here and leaves the 1.30 pools three behind, which a 1.28+
    // control plane allows: offered, as a preview (chosen only explicitly).
    expect(targetChoices(from130).map((c) => `${c.version}:${c.kind}`)).toEqual([
      '1.33.1:lts',
      '1.32.5:lts',
      '1.31.8:minor',
      '1.30.12:patch',
    ]);
    expect(refuseTarget(from130, '1.32.5', false)).toBeUndefined();
    // Removed APIs are judged up to the furthest target offered: 1.32 removes flowcontrol v1beta3,
    // which the next minor (1.31) alone would not show.
    expect(furthestTarget(targetChoices(from130))).toBe('1.32.5');
    const served = ['flowcontrol.apiserver.k8s.io/v1beta3', 'apps/v1'];
    expect(
      removedBetween(served, '1.30.11', furthestTarget(targetChoices(from130))!).map(
        (r) => r.groupVersion,
      ),
    ).toEqual(['flowcontrol.apiserver.k8s.io/v1beta3']);
    expect(furthestTarget(targetChoices(official130()))).toBe('1.31.8');
    // The chooser says what the target is (a skip on the LTS plan), not "the next LTS".
    const [, skip, next, patch] = targetChoices(from130);
    expect([skip, next, patch].map((c) => targetLabel(c!, '1.30.11'))).toEqual([
      'skips 1 minor; LTS plan',
      'next minor',
      'patch within the minor',
    ]);
    // The step sends the control plane alone; the documented migration is az aks upgrade.
    expect(skipWarning('1.30.11', '1.32.5')).toMatch(
      /skips 1 minor \(1\.30 → 1\.32\).*az aks upgrade --kubernetes-version 1\.32\.5.*AKS may refuse a control-plane-only skip/,
    );
    expect(skipWarning('1.30.11', '1.31.8')).toBeUndefined();
    // A minor two ahead whose region entry lacks LTS is still a skip, and the refusal says why.
    const noLts133 = facts({
      ...at('1.30.11'),
      region: lts.map((m) => (m.minor === '1.33' ? { ...m, lts: false } : m)),
    });
    expect(refuseTarget(noLts133, '1.33.1', true)).toMatch(
      /skip 2 minor versions.*On the LTS plan AKS can also move straight to an LTS-enabled version; 1\.33 is not offered with LTS here/,
    );
    // From 1.29 with pools on 1.28, the control plane alone would leave them four minors behind
    // 1.32: from 1.28 on a pool may be at most three behind (AKS supported-versions FAQ); 1.31
    // (LTS-enabled, two ahead) keeps them within reach.
    const from129 = facts({
      ...at('1.29.15'),
      pools: facts().pools.map((p) => ({ ...p, current: '1.28.15', version: '1.28.15' })),
    });
    expect(targetChoices(from129).map((c) => `${c.version}:${c.kind}`)).toEqual([
      '1.31.8:lts',
      '1.30.12:minor',
    ]);
    expect(refuseTarget(from129, '1.32.5', false)).toMatch(
      /pool apps, system would be more than three minors behind it/,
    );
    // Pools on 1.29 stay within three minors of 1.32: the LTS migration is offered.
    expect(targetChoices(facts(at('1.29.15'))).map((c) => c.version)).toContain('1.32.5');
    // Without the LTS plan the same jump is refused: one minor at a time.
    const official = { ...from130, supportPlan: 'KubernetesOfficial' };
    expect(refuseTarget(official, '1.32.5', false)).toMatch(/one minor at a time/);
    expect(targetChoices(official).map((c) => c.version)).toEqual(['1.31.8', '1.30.12']);
  });

  it('needs an explicit choice for a preview version', () => {
    const f = facts({
      controlPlane: {
        ...facts().controlPlane,
        current: '1.32.5',
        upgrades: [{ version: '1.33.1', isPreview: true }],
      },
    });
    expect(refuseTarget(f, '1.33.1', false)).toMatch(/preview version/);
    expect(refuseTarget(f, '1.33.1', true)).toBeUndefined();
    expect(refuseTarget(f, '1.31.8', true)).toMatch(/not newer/);
  });

  it('orders pools with the system pool first or last, skipping pools already there', () => {
    const pools = [...facts().pools, { ...facts().pools[0]!, name: 'done', current: '1.32.5' }];
    expect(poolOrder(pools, '1.32.5', true).map((p) => p.name)).toEqual(['system', 'apps']);
    expect(poolOrder(pools, '1.32.5', false).map((p) => p.name)).toEqual(['apps', 'system']);
    // The mode is an ARM enum: `system` is the System mode.
    const cased = pools.map((p) => (p.name === 'system' ? { ...p, mode: 'system' } : p));
    expect(poolOrder(cased, '1.32.5', true).map((p) => p.name)).toEqual(['system', 'apps']);
  });
});

describe('preflight', () => {
  const base = {
    pools: facts().pools,
    clusterState: 'Succeeded',
    nodePools: { a1: 'apps', a2: 'apps', a3: 'apps', s1: 'system' },
    notReady: [],
    removedApis: [],
  };

  it('names pods two budgets select, once per set of budgets, whatever the budgets allow', () => {
    // The eviction API answers 500 for a pod under more than one PodDisruptionBudget, so AKS's
    // drain of its node fails however many disruptions each budget allows.
    const shared = (pod: string, node: string) => ({ pod, node, pdbs: ['web', 'web-canary'] });
    const both = [shared('shop/web-2', 'a1'), shared('shop/web-3', 'a2'), shared('shop/x', 'gone')];
    const budget = (name: string) => ({
      namespace: 'shop',
      name,
      disruptionsAllowed: 5,
      workloads: ['Deployment/web'],
      podNodes: ['a3'],
      sharedPods: both,
    });
    const found = preflightFindings({ ...base, pdbs: [budget('web'), budget('web-canary')] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: 'versions.pdb-blocks-drain',
      severity: 'high',
      object: { kind: 'PodDisruptionBudget', namespace: 'shop', name: 'web' },
    });
    expect(found[0]!.message).toContain('shop/web, shop/web-canary all select 2 pods');
    expect(found[0]!.message).toContain('(shop/web-2, shop/web-3)');
    expect(found[0]!.message).toContain('pool apps');
  });

  it('names a PDB with no disruptions left and its workload', () => {
    const found = preflightFindings({
      ...base,
      pdbs: [
        {
          namespace: 'data',
          name: 'ledger',
          disruptionsAllowed: 0,
          workloads: ['StatefulSet/ledger'],
          podNodes: ['a1'],
        },
      ],
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      id: 'versions.pdb-blocks-drain',
      severity: 'high',
      object: { namespace: 'data', name: 'ledger' },
    });
    expect(found[0]!.message).toContain('(StatefulSet/ledger)');
  });

  it('predicts a PDB reaching zero under the pool surge batch', () => {
    const pools = [{ ...facts().pools[0]!, settings: { maxSurge: '2' } }];
    const found = preflightFindings({
      ...base,
      pools,
      pdbs: [
        {
          namespace: 'shop',
          name: 'web',
          disruptionsAllowed: 1,
          workloads: ['Deployment/web'],
          podNodes: ['a1', 'a2', 'a3'],
        },
      ],
    });
    expect(found.map((f) => f.id)).toEqual(['versions.pdb-tight']);
    expect(surgeBatch('33%', 3)).toBe(1);
    expect(surgeBatch(undefined, 25)).toBe(3);
  });

  it('counts maxUnavailable nodes in a drain batch (maxSurge 0 drains maxUnavailable at once)', () => {
    // AgentPoolUpgradeSettings: maxUnavailable is a count or a percentage rounded up, default 0.
    expect(surgeBatch('0', 10, '30%')).toBe(3);
    expect(surgeBatch('0', 10, '2')).toBe(2);
    expect(surgeBatch('0', 10)).toBe(1);
    const found = preflightFindings({
      ...base,
      pools: [
        {
          ...base.pools[0]!,
          count: 3,
          settings: { maxSurge: '0', maxUnavailable: '2' },
        },
      ],
      pdbs: [
        {
          namespace: 'shop',
          name: 'web',
          disruptionsAllowed: 1,
          workloads: ['Deployment/web'],
          podNodes: ['a1', 'a2', 'a3'],
        },
      ],
    });
    // In place, 2 of 3 nodes out at once: the pool also runs one node short meanwhile.
    expect(found.map((f) => f.id)).toEqual(['versions.pdb-tight', 'versions.pool-capacity-loss']);
    expect(found[0]!.message).toContain('maxUnavailable 2');
    expect(found[0]!.message).toContain('in place, no surge nodes');
    // In place there is no surge to lower: the remediation names maxUnavailable.
    expect(found[0]!.remediation).toContain('Lower maxUnavailable');
    expect(found[0]!.remediation).not.toContain('Lower maxSurge');
  });

  it('drains as many nodes as it surges when both are set; maxUnavailable is only the fallback', () => {
    // AKS rolling upgrade article: maxSurge > 0 drains as many old nodes as it surges; with both
    // set it tries the surge first and falls back in place (maxUnavailable) only without capacity.
    expect(upgradeBatch({ maxSurge: '33%', maxUnavailable: '3' }, 10)).toEqual({
      mode: 'surge',
      nodes: 4,
      fallbackInPlace: 3,
    });
    expect(surgeBatch('1', 10, '1')).toBe(1);
    expect(upgradeBatch({ maxSurge: '0', maxUnavailable: '50%' }, 5)).toEqual({
      mode: 'in-place',
      nodes: 3,
    });
    // Capped at the pool's nodes.
    expect(surgeBatch('200%', 3)).toBe(3);
    expect(surgeBatch('0', 3, '9')).toBe(3);
    const pdb = {
      namespace: 'shop',
      name: 'web',
      disruptionsAllowed: 3,
      workloads: ['Deployment/web'],
      podNodes: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10'],
    };
    const nodePools = Object.fromEntries(pdb.podNodes.map((n) => [n, base.pools[0]!.name]));
    const pool = { ...base.pools[0]!, count: 10 };
    // 4 nodes at once hold 4 pods > 3 allowed: tight (the sum 7 would say so too).
    const tight = preflightFindings({
      ...base,
      nodePools,
      pools: [{ ...pool, settings: { maxSurge: '33%', maxUnavailable: '3' } }],
      pdbs: [pdb],
    });
    expect(tight.map((f) => f.id)).toEqual(['versions.pdb-tight']);
    expect(tight[0]!.message).toContain('a batch of 4 nodes');
    expect(tight[0]!.message).toContain('maxUnavailable 3');
    expect(tight[0]!.remediation).toContain('Lower maxSurge');
    // maxSurge 2 with maxUnavailable 2: 2 at once, within the 3 allowed (the sum 4 was not).
    const fine = preflightFindings({
      ...base,
      nodePools,
      pools: [{ ...pool, settings: { maxSurge: '2', maxUnavailable: '2' } }],
      pdbs: [pdb],
    });
    expect(fine).toEqual([]);
  });

  it('judges the in-place fallback batch when it is larger than the surge', () => {
    // AKS rolling upgrade article, "MaxUnavailable fallback": with both above 0, when AKS cannot
    // get a surge node it upgrades in place, maxUnavailable nodes at a time. maxSurge 1 with
    // maxUnavailable 3 can therefore drain 3 nodes at once: a budget allowing 1 is not safe.
    const pdb = {
      namespace: 'shop',
      name: 'web',
      disruptionsAllowed: 1,
      workloads: ['Deployment/web'],
      podNodes: ['a1', 'a2', 'a3', 'a4'],
    };
    const nodePools = Object.fromEntries(pdb.podNodes.map((n) => [n, base.pools[0]!.name]));
    const pool = { ...base.pools[0]!, count: 4, settings: { maxSurge: '1', maxUnavailable: '3' } };
    const found = preflightFindings({ ...base, nodePools, pools: [pool], pdbs: [pdb] });
    expect(found.map((f) => f.id)).toEqual(['versions.pdb-tight']);
    expect(found[0]!.message).toContain('a batch of 3 nodes (the in-place fallback');
    expect(found[0]!.message).toContain('holds 3 of its pods');
    expect(found[0]!.remediation).toContain('Lower maxUnavailable');
    expect(poolBlockers(pool, [pdb], nodePools)).toMatchObject([{ verdict: 'slows', atOnce: 3 }]);
    // The same pool without the fallback (maxUnavailable 0) drains 1 at a time: within the budget.
    const surgeOnly = { ...pool, settings: { maxSurge: '1' } };
    expect(preflightFindings({ ...base, nodePools, pools: [surgeOnly], pdbs: [pdb] })).toEqual([]);
    expect(poolBlockers(surgeOnly, [pdb], nodePools)).toEqual([]);
  });

  it('warns of a running operation (409), not-Ready nodes and removed APIs', () => {
    const found = preflightFindings({
      ...base,
      pdbs: [],
      clusterState: 'Upgrading',
      notReady: ['s1'],
      removedApis: removedBetween(
        ['v1', 'flowcontrol.apiserver.k8s.io/v1beta3', 'batch/v1beta1'],
        '1.31.8',
        '1.32.5',
      ),
    });
    expect(found.map((f) => f.id)).toEqual([
      'versions.operation-running',
      'versions.node-not-ready',
      'versions.removed-api-served',
    ]);
    expect(found[0]!.message).toContain('409');
    expect(found[2]!.message).toContain('flowcontrol.apiserver.k8s.io/v1beta3');
  });
});
