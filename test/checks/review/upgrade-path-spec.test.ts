// Upgrade paths AKS would refuse, judged before anything is sent: a control-plane target that
// leaves a node pool further behind it than AKS allows (ARM agent pool orchestratorVersion: a
// pool's minor stays within the allowed skew of the control plane's; upgrade the pool first).
import { describe, expect, it } from 'vitest';
import type { PoolVersionFacts, VersionFacts } from '../../../src/checks/versions/facts.js';
import { versionFindings } from '../../../src/checks/versions/findings.js';
import { refuseTarget } from '../../../src/checks/versions/planner.js';
import { upgradeBatch } from '../../../src/checks/versions/upgrade-batch.js';
import { drainRulesOf } from '../../../src/steps/rotation/estimate.js';
import { refusalFromFacts } from '../../../src/steps/rotation/abort-action.js';
import { foldArm, runningState } from '../../../src/steps/rotation/board-fold.js';
import { explainFailure } from '../../../src/steps/rotation/explain.js';
import { aksDrainLine } from '../../../src/steps/upgrades/drain-truth.js';

const region = ['1.29', '1.30', '1.31', '1.32'].map((minor) => ({
  minor,
  isPreview: false,
  isDefault: minor === '1.32',
  lts: false,
  patches: [`${minor}.5`],
}));

function pool(name: string, current: string): PoolVersionFacts {
  return {
    name,
    mode: name === 'system' ? 'System' : 'User',
    osType: 'Linux',
    count: 3,
    version: current,
    current,
    upgrades: [],
    provisioningState: 'Succeeded',
    settings: {},
  };
}

function facts(cp: string, pools: PoolVersionFacts[], upgrades: string[]): VersionFacts {
  return {
    cluster: 'aks-one',
    controlPlane: {
      version: cp,
      current: cp,
      upgrades: upgrades.map((version) => ({ version, isPreview: false })),
    },
    provisioningState: 'Succeeded',
    pools,
    region,
    // none: with a version channel on, AKS refuses any control-plane-only upgrade.
    channels: { upgrade: 'none' },
    maintenance: { names: [] },
  };
}

describe('a control-plane target and the pools it leaves behind', () => {
  it('refuses the next minor when a pool would fall past the skew AKS allows', () => {
    // Pool legacy on 1.27 is already three minors behind 1.30; 1.31 would make it four.
    const f = facts('1.30.5', [pool('system', '1.30.5'), pool('legacy', '1.27.9')], ['1.31.5']);
    const refused = refuseTarget(f, '1.31.5', false);
    expect(refused).toMatch(/pool legacy \(1\.27\.9\)/);
    expect(refused).toMatch(/upgrade pool legacy first/i);
    expect(refused).not.toMatch(/system/);
  });

  it('a patch within the minor never moves a pool further behind', () => {
    const f = facts('1.30.5', [pool('legacy', '1.27.9')], ['1.30.6']);
    expect(refuseTarget(f, '1.30.6', false)).toBeUndefined();
  });

  it('pools on the control plane version or one minor behind do not hold the next minor', () => {
    const f = facts('1.30.5', [pool('system', '1.30.5'), pool('apps', '1.29.5')], ['1.31.5']);
    expect(refuseTarget(f, '1.31.5', false)).toBeUndefined();
  });
});

// AKS supported versions FAQ: "starting from 1.28 version onwards, agentpool versions can be up to
// 3 versions older to control plane versions" (the Kubernetes kubelet skew); two before 1.28.
describe('the skew AKS allows between a pool and the control plane', () => {
  it('from 1.28 on, a pool may be three minors behind: the next minor is not refused for it', () => {
    const f = facts('1.30.5', [pool('system', '1.30.5'), pool('apps', '1.28.5')], ['1.31.5']);
    expect(refuseTarget(f, '1.31.5', false)).toBeUndefined();
    // Four behind is past it.
    const older = facts('1.30.5', [pool('legacy', '1.27.9')], ['1.31.5']);
    expect(refuseTarget(older, '1.31.5', false)).toMatch(/more than three minors behind 1\.31\.5/);
  });

  it('before 1.28, two minors: a pool three behind the target is refused', () => {
    const f = facts('1.26.5', [pool('apps', '1.25.5')], ['1.27.5']);
    expect(refuseTarget(f, '1.27.5', false)).toBeUndefined();
    const older = facts('1.26.5', [pool('apps', '1.24.5')], ['1.27.5']);
    expect(refuseTarget(older, '1.27.5', false)).toMatch(/more than two minors behind 1\.27\.5/);
  });

  it('a pool three behind a 1.28+ control plane is medium skew, four behind is high', () => {
    const three = versionFindings(facts('1.32.5', [pool('apps', '1.29.5')], []));
    expect(three.find((x) => x.id === 'versions.pool-skew')?.severity).toBe('medium');
    const four = versionFindings(facts('1.32.5', [pool('apps', '1.28.5')], []));
    const skew = four.find((x) => x.id === 'versions.pool-skew');
    expect(skew?.severity).toBe('high');
    expect(skew?.remediation).toMatch(/three minors/);
    // Before 1.28 three behind is past the skew.
    const old = versionFindings(facts('1.27.5', [pool('apps', '1.24.5')], []));
    expect(old.find((x) => x.id === 'versions.pool-skew')?.severity).toBe('high');
  });
});

// ARM AgentPoolUpgradeSettings: a percentage maxSurge / maxUnavailable is of the pool's nodes,
// rounded up. Whole nodes, not floating point: 55% of 100 is 55.
describe('the upgrade batch from percentages', () => {
  it('rounds a percentage of the pool up to whole nodes, exactly', () => {
    expect(upgradeBatch({ maxSurge: '55%' }, 100).nodes).toBe(55);
    expect(upgradeBatch({ maxSurge: '28%' }, 25).nodes).toBe(7);
    expect(upgradeBatch({ maxSurge: '7%' }, 100).nodes).toBe(7);
    expect(upgradeBatch({ maxSurge: '0', maxUnavailable: '14%' }, 50)).toEqual({
      mode: 'in-place',
      nodes: 7,
    });
    // Still rounded up when it does not divide: 33% of 10 nodes is 3.3, so 4.
    expect(upgradeBatch({ maxSurge: '33%' }, 10).nodes).toBe(4);
    expect(upgradeBatch({ maxSurge: '12.5%' }, 8).nodes).toBe(1);
  });
});

// ARM matches enum values without regard to case: a pool set to `cordon` quarantines its
// undrainable nodes exactly as `Cordon` does.
describe("the pool's undrainable-node behaviour", () => {
  it('reads Cordon however ARM cases it, and says what AKS then does', () => {
    for (const value of ['Cordon', 'cordon', 'CORDON', ' Cordon ']) {
      expect(drainRulesOf({ undrainableNodeBehavior: value }).undrainable).toBe('Cordon');
      expect(aksDrainLine({ undrainableNodeBehavior: value })).toMatch(/Quarantined/);
    }
    expect(drainRulesOf({ undrainableNodeBehavior: 'schedule' }).undrainable).toBe('Schedule');
    expect(drainRulesOf(undefined).undrainable).toBe('Schedule');
  });
});

// AKS's NodePoolMcVersionIncompatible has two causes with opposite fixes: a pool newer than the
// control plane (upgrade the control plane first) and a pool too far behind it (upgrade the pool).
describe('explaining a skew refusal', () => {
  const refusal = (message: string) =>
    explainFailure({ statusCode: 400, code: 'NodePoolMcVersionIncompatible', message }, 'Upgrade');

  it('a control plane too far ahead of a pool: upgrade that pool first', () => {
    const lines = refusal(
      "Node pool version 1.27.9 and control plane version 1.31.5 are incompatible. Minor version of node pool cannot be more than 3 versions less than control plane's version.",
    ).join('\n');
    expect(lines).toMatch(/upgrade the pool first/i);
    expect(lines).not.toMatch(/upgrade the control plane first/i);
    expect(lines).toMatch(/three minors from 1\.28/);
  });

  it('a pool newer than the control plane: upgrade the control plane first', () => {
    const lines = refusal(
      'Node pool version 1.32.5 and control plane version 1.31.8 are incompatible. Minor version of node pool version 32 is bigger than control plane version 31.',
    ).join('\n');
    expect(lines).toMatch(/upgrade the control plane first/i);
  });
});

// ARM provisioning states are enum values, matched without regard to case (as the preflight's
// isRunningState reads them): a pool `succeeded` runs nothing, a cluster `failed` ended Failed.
describe('provisioning states however ARM cases them', () => {
  it('settled states are no operation running, and end as what they say', () => {
    for (const state of ['succeeded', 'FAILED', 'canceled', ' Succeeded ']) {
      expect(runningState(state)).toBe(false);
      expect(refusalFromFacts({ provisioningState: state, pools: [] })).toBeUndefined();
    }
    expect(runningState('Upgrading')).toBe(true);
    expect(runningState('upgradingNodeImageVersion')).toBe(true);
    const seen = foldArm(
      undefined,
      { cluster: { name: 'c', state: 'succeeded' }, pools: [{ name: 'apps', state: 'succeeded' }] },
      1,
    );
    expect(seen).toBeUndefined();
  });
});
