import { describe, expect, it } from 'vitest';
import type { AuditReport, ReportedFinding } from '../../src/report/audit-schema.js';
import { rejudged } from '../../src/report/exit-code.js';
import { applyWaivers } from '../../src/waivers/apply-waivers.js';
import type { Waiver, WaiverSet } from '../../src/waivers/waiver-file.js';
import {
  clusterMatches,
  globMatch,
  isExpired,
  objectMatches,
} from '../../src/waivers/waiver-match.js';
import { sampleReport } from '../report/sample-report.js';

const now = new Date('2026-03-01T12:00:00Z');

function waiver(entry: number, fields: Partial<Waiver>): Waiver {
  return {
    entry,
    finding: 'rbac.user-subject',
    reason: 'r',
    owner: 'o',
    expires: '2026-04-01',
    ...fields,
  };
}

function set(...waivers: Waiver[]): WaiverSet {
  return { file: 'w.yaml', waivers };
}

/** A report whose steps all ran: rbac with two findings, imds clean, containers with a hole. */
function report(): AuditReport {
  const base = sampleReport();
  const hole: ReportedFinding = {
    id: 'containers.forbidden',
    severity: 'medium',
    step: 'containers',
    message: 'could not list pods in kube-system',
    confirmedBy: null,
  };
  return {
    ...base,
    steps: [
      base.steps[0]!,
      base.steps[1]!,
      { id: 'containers', title: 'Container privileges', status: 'findings', findings: [hole] },
    ],
  };
}

const all = (r: AuditReport) => r.steps.flatMap((s) => s.findings);

describe('matching', () => {
  it('reads * as any run of characters and everything else literally', () => {
    expect(globMatch('aks-*', 'aks-shop-prod')).toBe(true);
    expect(globMatch('*', '')).toBe(true);
    expect(globMatch('a.c', 'abc')).toBe(false);
    expect(globMatch('a*c*e', 'abcde')).toBe(true);
    expect(globMatch('(x)+', '(x)+')).toBe(true);
    expect(globMatch('prod', 'prod-2')).toBe(false);
  });

  it('matches objects field by field; * fits a cluster-wide object, a namespace does not', () => {
    const ns = { kind: 'RoleBinding', namespace: 'payments', name: 'x' };
    const cw = { kind: 'ClusterRoleBinding', name: 'x' };
    expect(objectMatches(undefined, undefined)).toBe(true);
    expect(objectMatches(undefined, ns)).toBe(true);
    expect(objectMatches({}, undefined)).toBe(false);
    expect(objectMatches({ namespace: '*' }, cw)).toBe(true);
    expect(objectMatches({ namespace: 'pay*' }, cw)).toBe(false);
    expect(objectMatches({ namespace: 'pay*', name: 'x' }, ns)).toBe(true);
    expect(objectMatches({ kind: 'Role*' }, cw)).toBe(false);
  });

  it('matches a cluster by name, or by resourceGroup/name when the pattern has a slash', () => {
    const c = { name: 'aks-one', resourceGroup: 'rg-one' };
    expect(clusterMatches(undefined, c)).toBe(true);
    expect(clusterMatches('aks-*', c)).toBe(true);
    expect(clusterMatches('rg-one/*', c)).toBe(true);
    expect(clusterMatches('rg-two/aks-one', c)).toBe(false);
    expect(clusterMatches('*/aks-one', { name: 'aks-one' })).toBe(true);
  });

  it('holds a waiver through the whole of its expiry day (UTC)', () => {
    expect(isExpired('2026-03-01', new Date('2026-03-01T23:59:59.999Z'))).toBe(false);
    expect(isExpired('2026-03-01', new Date('2026-03-02T00:00:00Z'))).toBe(true);
  });
});

describe('applyWaivers', () => {
  it('marks what a waiver accepts, keeps it in the report, and it no longer fails the gate', () => {
    const before = rejudged({ ...report(), failOn: 'medium' });
    expect(before.exitCode).toBe(2); // the hole
    const noHole = { ...report(), steps: report().steps.slice(0, 2), failOn: 'medium' as const };
    expect(rejudged(noHole).exitCode).toBe(1);
    const waived = rejudged(
      applyWaivers(
        noHole,
        set(
          waiver(1, { object: { kind: 'RoleBinding', namespace: 'payments' } }),
          waiver(2, { finding: 'rbac.cluster-admin', cluster: 'aks-*' }),
        ),
        now,
      ),
    );
    expect(
      all(waived)
        .filter((f) => f.step === 'rbac')
        .map((f) => f.waiver),
    ).toEqual([
      { reason: 'r', owner: 'o', expires: '2026-04-01', file: 'w.yaml', entry: 1 },
      { reason: 'r', owner: 'o', expires: '2026-04-01', file: 'w.yaml', entry: 2 },
    ]);
    expect(waived.steps.at(-1)).toMatchObject({ id: 'waivers', status: 'ok', findings: [] });
    expect(waived.waivers).toEqual({
      file: 'w.yaml',
      entries: 2,
      waived: 2,
      expired: 0,
      unused: 0,
    });
    expect(waived.totals).toEqual({ info: 0, low: 0, medium: 1, high: 1 });
    expect(waived.exitCode).toBe(0);
  });

  it('never waives a hole, even by a waiver written for another id that would fit', () => {
    const r = applyWaivers(report(), set(waiver(1, { finding: 'containers.privileged' })), now);
    expect(all(r).find((f) => f.id === 'containers.forbidden')!.waiver).toBeUndefined();
    expect(rejudged(r).exitCode).toBe(2);
  });

  it('an expired waiver accepts nothing and is a finding; the first live match wins', () => {
    const r = applyWaivers(
      report(),
      set(
        waiver(1, { finding: 'rbac.cluster-admin', expires: '2026-02-28' }),
        waiver(2, { finding: 'rbac.cluster-admin', owner: 'second' }),
        waiver(3, { finding: 'rbac.cluster-admin', owner: 'third' }),
      ),
      now,
    );
    expect(all(r).find((f) => f.id === 'rbac.cluster-admin')!.waiver?.owner).toBe('second');
    const own = r.steps.at(-1)!.findings;
    expect(own.map((f) => [f.id, f.severity, f.object?.name])).toEqual([
      ['waiver.expired', 'medium', 'rbac.cluster-admin *'],
      ['waiver.unused', 'low', 'rbac.cluster-admin *'],
    ]);
    expect(own[0]!.message).toContain('Waiver 1 of w.yaml');
    expect(own[0]!.message).toContain('expired on 2026-02-28');
    expect(own[1]!.message).toContain('Waiver 3 of w.yaml');
  });

  it('calls a waiver unused only when its step ran to the end, and skips other clusters', () => {
    const r = applyWaivers(
      report(),
      set(
        waiver(1, { finding: 'imds.namespace-exposed' }), // imds ran: unused
        waiver(2, { finding: 'defender.disabled' }), // defender did not run
        waiver(3, { finding: 'nodeos.channel-none' }), // node-image did not run
        waiver(4, { finding: 'rights.change-forbidden' }), // from any step: some ran
        waiver(5, { finding: 'imds.namespace-exposed', cluster: 'other-*' }),
        waiver(6, { finding: 'imds.namespace-exposed', cluster: 'other-*', expires: '2025-01-01' }),
        waiver(7, { finding: 'nosuch.finding' }), // no step reports it: never matches
      ),
      now,
    );
    expect(r.steps.at(-1)!.findings.map((f) => f.message.slice(0, 9))).toEqual([
      'Waiver 1 ',
      'Waiver 4 ',
      'Waiver 7 ',
    ]);
    expect(r.steps.at(-1)!.summary).toEqual(['5 of the 7 waivers in w.yaml apply to this cluster']);
    expect(r.waivers).toMatchObject({ expired: 0, unused: 3, waived: 0 });
  });

  it('calls a waiver of a step whose read was refused or failed not unused but unknown, and says so', () => {
    const base = report();
    const unread: ReportedFinding = {
      id: 'rbac.azure-unread',
      severity: 'medium',
      step: 'rbac',
      message: 'Azure role assignments not read',
      confirmedBy: null,
    };
    const r = applyWaivers(
      { ...base, steps: [{ ...base.steps[0]!, findings: [unread] }, ...base.steps.slice(1)] },
      set(
        waiver(1, { finding: 'containers.privileged' }), // containers.forbidden: list refused
        waiver(2, { finding: 'rbac.azure-admin-grant' }), // rbac.azure-unread: list failed
        waiver(3, { finding: 'imds.namespace-exposed' }), // imds read all: unused
      ),
      now,
    );
    expect(r.steps.at(-1)!.findings.map((f) => `${f.id} ${f.message.slice(0, 9)}`)).toEqual([
      'waiver.unused Waiver 3 ',
    ]);
    expect(r.waivers).toMatchObject({ unused: 1, waived: 0 });
    expect(r.steps.at(-1)!.summary?.[1]).toBe(
      "Not known whether these 2 waivers match anything, as the step's read failed (not unused; keep them): containers.privileged *, rbac.azure-admin-grant *",
    );
  });
});
