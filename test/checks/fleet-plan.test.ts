// Pure parts of the fleet commands: the update-run plan's readiness, the risk order, --where.
import { describe, expect, it } from 'vitest';
import { planUpdateRun, type MemberFacts } from '../../src/checks/fleet/update-plan.js';
import { rankByRisk } from '../../src/checks/fleet/inventory-risk.js';
import { matchesAll, parseWhere } from '../../src/checks/fleet/where.js';
import { fleetAdvice, sequenceClusters } from '../../src/checks/fleet/sequence.js';
import type { InventoryCluster } from '../../src/model/inventory.js';

const member = (name: string, group: string, extra: Partial<MemberFacts> = {}): MemberFacts => ({
  member: name,
  group,
  cluster: `rg/${name}`,
  currentVersion: '1.30.12',
  upgrades: ['1.31.7', '1.31.8'],
  blockingPdbs: [],
  ...extra,
});

describe('planUpdateRun', () => {
  const stages = [
    { name: 'test', groups: ['dev'], afterStageWaitInSeconds: 60 },
    { name: 'live', groups: ['eu', 'us'] },
  ];

  it.each([
    [{}, 'ready'],
    [{ currentVersion: '1.29.15', upgrades: ['1.30.12'] }, 'blocked'],
    [{ currentVersion: '1.32.5' }, 'blocked'],
    [{ blockingPdbs: ['data/ledger'] }, 'blocked'],
    [{ provisioningState: 'Upgrading' }, 'blocked'],
    [{ powerState: 'Stopped' }, 'blocked'],
    [{ upgrades: ['1.31.7'] }, 'blocked'],
    [{ provisioningState: 'Failed' }, 'warning'],
    // ARM enum values in any case: a lower-case settled state is no operation running.
    [{ provisioningState: 'succeeded' }, 'ready'],
    [{ provisioningState: 'failed' }, 'warning'],
    [{ powerState: 'stopped' }, 'blocked'],
    [{ support: 'unsupported' }, 'warning'],
    [{ unread: ['PodDisruptionBudgets (403)'] }, 'unknown'],
  ] as Array<[Partial<MemberFacts>, string]>)(
    '%o is %s for a Full upgrade to 1.31.8',
    (extra, readiness) => {
      const plan = planUpdateRun(stages, [member('a', 'dev', extra)], {
        type: 'Full',
        kubernetesVersion: '1.31.8',
      });
      expect(plan.stages[0]!.groups[0]!.members[0]!.readiness).toBe(readiness);
    },
  );

  it('a budget whose status is not current yet blocks the member, said as not current', () => {
    const reasonsOf = (extra: Partial<MemberFacts>) => {
      const plan = planUpdateRun(stages, [member('a', 'dev', extra)], {
        type: 'Full',
        kubernetesVersion: '1.31.8',
      });
      return plan.stages[0]!.groups[0]!.members[0]!;
    };
    const said = reasonsOf({ blockingPdbs: ['shop/web'], pdbsNotCurrent: ['shop/web'] });
    expect(said.readiness).toBe('blocked');
    expect(said.reasons).toEqual([
      'PDB shop/web: its status is not current yet (the disruption controller has not caught up with its latest spec): the eviction API refuses its pods until it does, so AKS may fail to drain its nodes (UpgradeFailed)',
    ]);
    // Named only as not current, it still counts as allowing none.
    expect(reasonsOf({ pdbsNotCurrent: ['shop/web'] })).toMatchObject({
      readiness: 'blocked',
      reasons: said.reasons,
    });
    // A control-plane-only upgrade drains nothing.
    expect(
      planUpdateRun(stages, [member('a', 'dev', { pdbsNotCurrent: ['shop/web'] })], {
        type: 'ControlPlaneOnly',
        kubernetesVersion: '1.31.8',
      }).stages[0]!.groups[0]!.members[0]!.readiness,
    ).toBe('ready');
  });

  it('orders members by stage then group, keeps waits and names members in no stage', () => {
    const plan = planUpdateRun(
      stages,
      [member('us1', 'us'), member('eu1', 'eu'), member('dev1', 'dev'), member('lost', 'qa')],
      { type: 'Full', kubernetesVersion: '1.31.8' },
    );
    const order = plan.stages.flatMap((s) =>
      s.groups.flatMap((g) => g.members.map((m) => `${m.order}:${m.member}`)),
    );
    expect(order).toEqual(['1:dev1', '2:eu1', '3:us1']);
    expect(plan.stages[0]!.waitSeconds).toBe(60);
    expect(plan.leftOut).toEqual(['lost']);
  });

  it('takes members one by one without a strategy; a control-plane-only run ignores PDBs', () => {
    const plan = planUpdateRun(
      undefined,
      [member('a', 'x', { blockingPdbs: ['ns/p'] }), member('b', 'y')],
      {
        type: 'ControlPlaneOnly',
        kubernetesVersion: '1.31.8',
      },
    );
    expect(plan.stages.map((s) => s.name)).toEqual(['a', 'b']);
    expect(plan.blocked).toBe(0);
  });
});

const cluster = (name: string, extra: Partial<InventoryCluster> = {}): InventoryCluster => ({
  id: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`,
  subscriptionId: 's',
  resourceGroup: 'rg',
  name,
  location: 'westeurope',
  tags: { env: 'prod' },
  kubernetesVersion: '1.31.8',
  support: 'supported',
  pools: [{ name: 'system', imageAgeDays: 10 }],
  upgradeChannel: 'stable',
  nodeOsChannel: 'NodeImage',
  entra: true,
  azureRbac: true,
  localAccounts: false,
  defender: true,
  api: 'private',
  authorizedRanges: [],
  provisioningState: 'Succeeded',
  ...extra,
});

describe('inventory risk and filters', () => {
  it('puts an unsupported cluster above a merely exposed one, and a clean one last', () => {
    const rows = rankByRisk([
      cluster('clean'),
      cluster('exposed', { api: 'public', localAccounts: true }),
      cluster('old', { support: 'unsupported', kubernetesVersion: '1.29.15' }),
    ]);
    expect(rows.map((r) => `${r.name}:${r.risks.join('+') || '-'}`)).toEqual([
      'old:unsupported',
      'exposed:local-accounts+public-api',
      'clean:-',
    ]);
  });

  it('ranks a cluster whose support could not be told as risky as an unsupported one', () => {
    const rows = rankByRisk([
      cluster('exposed', { api: 'public', localAccounts: true }),
      cluster('untold', { support: 'unknown' }),
      cluster('old', { support: 'unsupported' }),
    ]);
    const score = (name: string) => rows.find((r) => r.name === name)!.riskScore;
    expect(score('untold')).toBe(score('old'));
    expect(score('untold')).toBeGreaterThan(score('exposed'));
  });

  it('filters by version, risk, tag and text', () => {
    const rows = rankByRisk([
      cluster('a', { kubernetesVersion: '1.30.12', api: 'public' }),
      cluster('b', { tags: { env: 'dev' } }),
    ]);
    const names = (...w: string[]): string[] =>
      rows.filter((r) => matchesAll(r, w.map(parseWhere))).map((r) => r.name);
    expect(names('version<1.31')).toEqual(['a']);
    expect(names('version>=1.31.8')).toEqual(['b']);
    expect(names('risk=public-api')).toEqual(['a']);
    expect(names('finding!=public-api')).toEqual(['b']);
    expect(names('tag.env=dev')).toEqual(['b']);
    expect(names('name~a', 'region=westeurope')).toEqual(['a']);
    expect(() => parseWhere('version<latest')).toThrow(/MAJOR.MINOR/);
    expect(() => parseWhere('risk=scary')).toThrow(/the risks are/);
    expect(() => parseWhere('name<b')).toThrow(/compares versions only/);
  });
});

describe('sequenceClusters', () => {
  it('takes clusters in no fleet, test environments first, untagged last, and advises a fleet', () => {
    const rows = rankByRisk([
      cluster('p1', { tags: { env: 'prod' } }),
      cluster('none', { tags: {} }),
      cluster('s1', { tags: { Env: 'Staging' } }),
      cluster('odd', { tags: { env: 'sandbox' } }),
      cluster('d1', { tags: { env: 'dev' } }),
      cluster('member', {
        tags: { env: 'dev' },
        fleet: { fleetId: '/f', fleet: 'f', member: 'member', group: 'dev' },
      }),
    ]);
    const seq = sequenceClusters(rows, 'env');
    expect(seq.map((c) => c.row.name)).toEqual(['d1', 's1', 'p1', 'odd', 'none']);
    expect(sequenceClusters(rows, 'env', ['prod', 'dev']).map((c) => c.row.name)).toEqual([
      'p1',
      'd1',
      'odd',
      's1',
      'none',
    ]);
    const advice = fleetAdvice(seq, 'rg-fleet', 'fleet-a');
    expect(advice[0]).toBe('az fleet create -g rg-fleet -n fleet-a');
    expect(advice[1]).toMatch(
      /^az fleet member create -g rg-fleet -f fleet-a -n d1 --member-cluster-id \S+ --update-group dev$/,
    );
    expect(advice.at(-1)).toMatch(/dev -> Staging -> prod -> sandbox -> untagged/);
  });
});
