// The fleet step's and the inventory picker's words, from hand-written plans and clusters.
import { describe, expect, it } from 'vitest';
import { clusterSignals, fleetColumn, versionSupport } from '../../screens/cluster-rows.js';
import { planUpdateRun } from '../../src/checks/fleet/update-plan.js';
import { pickableOf } from '../../src/fleet/pick-inventory.js';
import type { InventoryRow } from '../../src/model/inventory.js';
import type { PickableCluster } from '../../src/model/pickable-cluster.js';
import { duration, lookLines, planLines } from '../../src/steps/fleet/lines.js';

const at = { subscriptionId: 's', resourceGroup: 'rg', name: 'f1', id: '/x' };

describe('fleet step lines', () => {
  it('plans in order with marks, reasons under the member, waits and the blocked count', () => {
    const plan = planUpdateRun(
      [
        { name: 'dev', groups: ['dev'], afterStageWaitInSeconds: 90 },
        { name: 'prod', groups: ['prod'] },
      ],
      [
        { member: 'a', group: 'dev', cluster: 'rg/aks-a', currentVersion: '1.30.1', unread: [] },
        {
          member: 'b',
          group: 'prod',
          cluster: 'rg/aks-b',
          currentVersion: '1.30.1',
          blockingPdbs: ['data/db'],
          unread: [],
        },
      ],
      { type: 'Full', kubernetesVersion: '1.31.2' },
    );
    expect(planLines(plan)).toEqual([
      'Stage dev',
      '  ✔ 1. a 1.30.1 → 1.31.2 ready · group dev · aks-a',
      '  then wait 1m 30s',
      'Stage prod',
      '  ✖ 2. b 1.30.1 → 1.31.2 blocked · group prod · aks-b',
      '      PDB data/db allows 0 disruptions: AKS cannot drain its nodes; the member will fail (UpgradeFailed)',
      '1 member blocked: the run would fail there. Fix it first, or skip it once the run is created (m).',
    ]);
  });

  it('says membership, groups, strategy stages with waits, and runs', () => {
    const lines = lookLines(
      {
        membership: { fleet: 'f1', member: 'a', group: 'dev' },
        versions: [],
        fleets: [
          {
            at,
            members: [
              { name: 'a', cluster: 'rg/aks-a', group: 'dev' },
              { name: 'b', cluster: 'rg/aks-b' },
            ],
            strategies: [
              {
                name: 's1',
                stages: [{ name: 'dev', groups: ['dev'], afterStageWaitInSeconds: 300 }],
              },
            ],
            runs: [{ name: 'r1', state: 'Completed', change: 'Full upgrade to 1.31.2' }],
          },
        ],
      },
      'aks-a',
    );
    expect(lines).toEqual([
      'aks-a is member a of fleet f1, update group dev.',
      'Fleet f1 (rg, subscription s): 2 members',
      '  group dev: a',
      '  group (no group): b',
      '  strategy s1: dev [dev] wait 5m',
      '  update run r1: Completed (Full upgrade to 1.31.2)',
    ]);
    expect(duration(45)).toBe('45s');
  });
});

describe('inventory picker cells', () => {
  const row = (over: Partial<PickableCluster>): PickableCluster => ({
    subscriptionId: 's',
    resourceGroup: 'rg',
    name: 'aks',
    location: 'westeurope',
    kubernetesVersion: '1.29.9',
    powerState: 'Running',
    provisioningState: 'Succeeded',
    ...over,
  });

  it('fits whole signals and counts the rest; a stopped cluster says so first', () => {
    const c = row({ signals: ['unsupported', 'no-auto-upgrade', 'public-api'] });
    expect(clusterSignals(c)).toBe('unsupported no-auto-upgrade public-api');
    expect(clusterSignals(c, 30)).toBe('unsupported no-auto-upgrade +1');
    expect(clusterSignals(c, 15)).toBe('unsupported +2');
    expect(clusterSignals(row({ powerState: 'Stopped', signals: [] }))).toBe('■ Stopped');
    expect(clusterSignals(row({ signals: [] }))).toBe('✔ none');
  });

  it('says support in a symbol and a word, and the group under one fleet', () => {
    expect(versionSupport(row({ support: 'unsupported' }))).toBe('1.29.9 ✖ out');
    expect(versionSupport(row({ support: 'lts-only' }))).toBe('1.29.9 ▲ LTS');
    expect(versionSupport(row({ support: 'supported' }))).toBe('1.29.9 ✔');
    const one = fleetColumn([row({ fleet: 'f1/dev' }), row({})]);
    expect(one.header).toBe('GROUP (f1)');
    expect(one.cell(row({ fleet: 'f1/dev' }))).toBe('dev');
    expect(one.cell(row({}))).toBe('-');
    const two = fleetColumn([row({ fleet: 'f1/dev' }), row({ fleet: 'f2/prod' })]);
    expect(two.header).toBe('FLEET/GROUP');
    expect(two.cell(row({ fleet: 'f2/prod' }))).toBe('f2/prod');
  });

  it('takes the inventory row as the picker shows it', () => {
    const inventory = {
      ...row({}),
      id: '/x',
      tags: {},
      support: 'supported',
      pools: [],
      entra: true,
      azureRbac: true,
      localAccounts: false,
      defender: true,
      api: 'private',
      authorizedRanges: [],
      fleet: { fleetId: '/f', fleet: 'f1', member: 'm', group: 'dev' },
      risks: ['no-auto-upgrade', 'no-node-os-channel', 'image-old', 'no-defender'],
      riskScore: 1,
    } satisfies InventoryRow;
    expect(pickableOf(inventory)).toMatchObject({
      name: 'aks',
      support: 'supported',
      fleet: 'f1/dev',
      signals: ['no-auto-upgrade', 'no-node-os-channel', 'image-old'],
    });
  });
});
