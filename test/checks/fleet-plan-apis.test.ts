// Deprecated APIs in the fleet plan's readiness (pure): which members need reads for a target,
// which kinds they list, and what a use the target removes means for a member.
import { describe, expect, it } from 'vitest';
import {
  kindsRemovedBetween,
  mayRemoveApis,
  removedApiReasons,
} from '../../src/checks/fleet/member-apis.js';
import { planUpdateRun, type MemberFacts } from '../../src/checks/fleet/update-plan.js';
import type { ApiUse } from '../../src/checks/versions/deprecated-uses.js';

const flowSchema = (source: ApiUse['source'], version = 'v1beta3'): ApiUse => ({
  source,
  group: 'flowcontrol.apiserver.k8s.io',
  version,
  ...(source === 'metric'
    ? { resource: 'flowschemas' }
    : { kind: 'FlowSchema', object: { kind: 'FlowSchema', name: 'batch-low' } }),
  ...(source === 'helm' ? { release: { namespace: 'web', name: 'report-api', revision: 2 } } : {}),
});

const member = (extra: Partial<MemberFacts>): MemberFacts => ({
  member: 'm',
  group: 'dev',
  cluster: 'rg/m',
  currentVersion: '1.31.8',
  upgrades: ['1.32.5'],
  blockingPdbs: [],
  ...extra,
});

function readiness(
  m: MemberFacts,
  to = '1.32.5',
  type: 'Full' | 'ControlPlaneOnly' | 'NodeImageOnly' = 'Full',
) {
  const plan = planUpdateRun(undefined, [m], { type, kubernetesVersion: to });
  return plan.stages[0]!.groups[0]!.members[0]!;
}

describe('mayRemoveApis and kindsRemovedBetween', () => {
  it.each([
    ['1.30.12', '1.31.8', false],
    ['1.31.8', '1.31.9', false],
    ['1.31.8', '1.32.5', true],
    ['1.28.3', '1.29.9', true],
    ['1.32.5', '1.33.1', false],
    // Past the table's last checked minor only the metric speaks: read it.
    ['1.33.1', '1.34.0', true],
  ])('%s -> %s: %s', (current, target, expected) => {
    expect(mayRemoveApis(current, target)).toBe(expected);
  });

  it('lists only the kinds that upgrade removes, at a served group/version', () => {
    const served = ['v1', 'batch/v1', 'flowcontrol.apiserver.k8s.io/v1beta3', 'apps/v1'];
    expect(kindsRemovedBetween(served, '1.31.8', '1.32.5')).toEqual([
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'FlowSchema' },
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kind: 'PriorityLevelConfiguration' },
    ]);
    expect(kindsRemovedBetween(served, '1.30.12', '1.31.8')).toEqual([]);
  });
});

describe('deprecated APIs in a member readiness', () => {
  it('flags a member whose Helm release or applied object uses an API the target removes, naming it', () => {
    const m = readiness(member({ apiUses: [flowSchema('helm'), flowSchema('last-applied')] }));
    expect(m.readiness).toBe('warning');
    expect(m.reasons).toEqual([
      expect.stringMatching(
        /^FlowSchema flowcontrol\.apiserver\.k8s\.io\/v1beta3 is removed in 1\.32 and still used \(.*report-api.*\): move to flowcontrol\.apiserver\.k8s\.io\/v1$/,
      ),
    ]);
  });

  it('says AKS may refuse when clients called it', () => {
    const m = readiness(member({ apiUses: [flowSchema('metric')] }));
    expect(m.reasons[0]).toMatch(/clients called it, so AKS may refuse the upgrade/);
  });

  it('leaves a use alone when the target does not remove it (or removed it before)', () => {
    expect(
      readiness(
        member({ currentVersion: '1.30.12', upgrades: ['1.31.8'], apiUses: [flowSchema('helm')] }),
        '1.31.8',
      ).readiness,
    ).toBe('ready');
    // Gone since 1.29: already not served, not this upgrade's doing.
    expect(readiness(member({ apiUses: [flowSchema('last-applied', 'v1beta2')] })).readiness).toBe(
      'ready',
    );
  });

  it('adds up the removals of every minor a skip would cross (and the skip blocks)', () => {
    const m = readiness(
      member({
        currentVersion: '1.28.3',
        upgrades: [],
        apiUses: [flowSchema('helm', 'v1beta2'), flowSchema('helm')],
      }),
    );
    expect(m.readiness).toBe('blocked');
    expect(m.reasons.filter((r) => r.includes('still used'))).toHaveLength(2);
  });

  it('says nothing of APIs for a node image run', () => {
    expect(
      readiness(member({ apiUses: [flowSchema('helm')] }), '1.32.5', 'NodeImageOnly').reasons,
    ).toEqual([]);
  });

  it('many places: three named, the rest counted', () => {
    const uses = ['a', 'b', 'c', 'd', 'e'].map((n) => ({
      ...flowSchema('last-applied'),
      object: { kind: 'FlowSchema', name: n },
    }));
    const [reason] = removedApiReasons(uses, '1.31.8', '1.32.5');
    expect(reason).toMatch(/; 2 more\)/);
  });
});
