import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditRecordPath, recordAudit } from '../../src/baseline/audit-record.js';
import { baselineReports, sameCluster } from '../../src/baseline/baseline-report.js';
import { openBaseline } from '../../src/baseline/baseline-source.js';
import { compareWithBaseline } from '../../src/baseline/compare.js';
import type { AuditReport, ReportedFinding } from '../../src/report/audit-schema.js';
import { rejudged } from '../../src/report/exit-code.js';
import { UNKNOWN_FACT_FINDING_IDS } from '../../src/report/hole-findings.js';
import { UserError } from '../../src/model/errors.js';
import { tempDir } from '../helpers/temp-dir.js';
import { publishedSchema } from '../report/published-schema.js';
import { sampleReport } from '../report/sample-report.js';

const f = (
  id: string,
  name: string,
  message = `${id} on ${name}`,
  step = 'rbac',
): ReportedFinding => ({
  id,
  severity: 'high',
  step,
  object: { kind: 'RoleBinding', namespace: 'ns', name },
  message,
  confirmedBy: null,
});

function withRbac(
  findings: ReportedFinding[],
  status: 'findings' | 'unavailable' = 'findings',
): AuditReport {
  const base = sampleReport();
  return {
    ...base,
    steps: [{ id: 'rbac', title: 'RBAC bindings', status, findings }, base.steps[1]!],
  };
}

const marks = (r: AuditReport) => r.steps[0]!.findings.map((x) => `${x.object!.name}:${x.change}`);

describe('compareWithBaseline', () => {
  it('marks new and unchanged by id and object, lists what is gone as fixed', () => {
    const before = withRbac([
      f('rbac.wildcard', 'a'),
      f('rbac.wildcard', 'b'),
      f('rbac.escalation', 'a'),
    ]);
    const now = withRbac([f('rbac.wildcard', 'a', 'the message changed'), f('rbac.wildcard', 'c')]);
    const r = compareWithBaseline(now, before, 'base.json');
    expect(marks(r)).toEqual(['a:unchanged', 'c:new']);
    expect(r.baseline).toMatchObject({
      source: 'base.json',
      found: true,
      generatedAt: before.generatedAt,
      totals: { new: 1, unchanged: 1, fixed: 2 },
    });
    expect(r.baseline!.fixed.map((x) => `${x.id} ${x.object!.name}`)).toEqual([
      'rbac.wildcard b',
      'rbac.escalation a',
    ]);
    expect(publishedSchema().safeParse(r).success).toBe(true);
  });

  it('pairs findings of the same id and object one to one, the same message first', () => {
    const before = withRbac([f('rbac.wildcard', 'a', 'one'), f('rbac.wildcard', 'a', 'two')]);
    const now = withRbac([
      f('rbac.wildcard', 'a', 'two'),
      f('rbac.wildcard', 'a', 'three'),
      f('rbac.wildcard', 'a', 'one'),
    ]);
    const r = compareWithBaseline(now, before, 'b');
    expect(r.steps[0]!.findings.map((x) => `${x.message}:${x.change}`)).toEqual([
      'two:unchanged',
      'three:new',
      'one:unchanged',
    ]);
    expect(r.baseline!.totals).toEqual({ new: 1, unchanged: 2, fixed: 0 });
  });

  it('calls nothing fixed in a step that did not run to the end now', () => {
    const before = withRbac([f('rbac.wildcard', 'a')]);
    const r = compareWithBaseline(withRbac([], 'unavailable'), before, 'b');
    expect(r.baseline!.fixed).toEqual([]);
  });

  it('without an earlier audit of the cluster, everything is new, and --fail-on-new then fails', () => {
    const r = compareWithBaseline(withRbac([f('rbac.wildcard', 'a')]), undefined, 'last (none)');
    expect(marks(r)).toEqual(['a:new']);
    expect(r.baseline).toMatchObject({ found: false, totals: { new: 1, unchanged: 0, fixed: 0 } });
    expect(r.baseline!.generatedAt).toBeUndefined();
    expect(rejudged({ ...r, failOnNew: true }).exitCode).toBe(1);
  });

  it('--fail-on-new gates only on new findings, and never closes a hole', () => {
    const before = withRbac([f('rbac.wildcard', 'a')]);
    const same = compareWithBaseline(withRbac([f('rbac.wildcard', 'a')]), before, 'b');
    expect(rejudged(same).exitCode).toBe(1);
    expect(rejudged({ ...same, failOnNew: true }).exitCode).toBe(0);
    const hole = withRbac([
      f('rbac.wildcard', 'a'),
      { ...f('rbac.forbidden', 'x'), severity: 'medium' },
    ]);
    const holeBefore = withRbac([
      { ...f('rbac.forbidden', 'x'), severity: 'medium' },
      f('rbac.wildcard', 'a'),
    ]);
    expect(
      rejudged({ ...compareWithBaseline(hole, holeBefore, 'b'), failOnNew: true }).exitCode,
    ).toBe(2);
  });
});

describe('baseline sources', () => {
  it('read a version 1 or 2 report, and find the cluster by name, kind and ARM coordinates', async () => {
    const dir = tempDir('baseline-');
    const v1 = sampleReport();
    const other = sampleReport({ cluster: { ...v1.cluster, name: 'aks-two' } });
    const v2 = {
      schema: 'aks-runbook/audit-report',
      schemaVersion: 2,
      clusters: [{ label: 'x' }, { label: 'two', report: other }, { label: 'one', report: v1 }],
    };
    writeFileSync(join(dir, 'v1.json'), JSON.stringify(v1));
    writeFileSync(join(dir, 'v2.json'), JSON.stringify(v2));
    const fromV2 = await (await openBaseline(join(dir, 'v2.json'), {})).find(v1.cluster);
    expect(fromV2.report?.cluster.name).toBe('aks-one');
    const fromV1 = await (await openBaseline(join(dir, 'v1.json'), {})).find(other.cluster);
    expect(fromV1).toEqual({ source: join(dir, 'v1.json') });
    expect(sameCluster(v1.cluster, { ...v1.cluster, simulated: true })).toBe(false);
    expect(
      sameCluster(v1.cluster, { name: 'aks-one', server: v1.cluster.server, simulated: false }),
    ).toBe(true);
    // Named by context alone, a report without a server is no cluster's.
    expect(sameCluster(v1.cluster, { name: 'aks-one', simulated: false })).toBe(false);
    expect(sameCluster(v1.cluster, { ...v1.cluster, resourceGroup: 'RG-ONE' })).toBe(true);
    expect(sameCluster(v1.cluster, { ...v1.cluster, resourceGroup: 'rg-two' })).toBe(false);
  });

  it('a newer release of the same version (more fields) still serves as a baseline', () => {
    const newer = { ...sampleReport(), somethingAdded: { x: 1 } };
    expect('reports' in baselineReports(newer)).toBe(true);
    expect(baselineReports({ ...sampleReport(), schemaVersion: 3 })).toMatchObject({
      problem: expect.any(String) as string,
    });
  });

  it('refuse a file that is not a report, in one line', async () => {
    const dir = tempDir('baseline-');
    writeFileSync(join(dir, 'junk.json'), '{"hello": 1}');
    writeFileSync(join(dir, 'text.md'), '# AKS audit');
    for (const [file, says] of [
      [
        'junk.json',
        /^the baseline .*junk\.json is not an aks-runbook JSON report \(--output json\): /,
      ],
      ['text.md', /not JSON/],
      ['missing.json', /^cannot read the baseline /],
    ] as const) {
      const opened = openBaseline(join(dir, file), {});
      await expect(opened).rejects.toBeInstanceOf(UserError);
      await expect(opened).rejects.toThrow(says);
    }
  });

  it('"last" is the audit recorded for the cluster (owner-only), none before the first', async () => {
    const env = { XDG_STATE_HOME: tempDir('state-') };
    const report = sampleReport();
    const last = await openBaseline('last', env);
    expect((await last.find(report.cluster)).report).toBeUndefined();
    const path = (await recordAudit(report, env))!;
    expect(path).toBe(auditRecordPath(report.cluster, env));
    expect(path.startsWith(join(env.XDG_STATE_HOME, 'aks-runbook', 'audits'))).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const found = await last.find(report.cluster);
    expect(found.report?.generatedAt).toBe(report.generatedAt);
    expect(found.source).toBe(`last (${path})`);
    // Another cluster of the same name elsewhere has its own record.
    expect(auditRecordPath({ ...report.cluster, resourceGroup: 'rg-two' }, env)).not.toBe(path);
    // An environment that names no state folder and no home gets nothing written.
    expect(await recordAudit(report, {})).toBeUndefined();
    expect((await (await openBaseline('last', {})).find(report.cluster)).source).toBe(
      'last (no state folder: HOME and XDG_STATE_HOME unset)',
    );
    writeFileSync(path, 'torn');
    chmodSync(path, 0o600);
    expect((await last.find(report.cluster)).source).toMatch(/could not be used/);
  });
});

describe('"last" for clusters named by a kubeconfig context alone', () => {
  const byContext = (server: string): AuditReport => {
    const base = sampleReport();
    const { subscriptionId: _s, resourceGroup: _g, location: _l, ...cluster } = base.cluster;
    return { ...base, cluster: { ...cluster, name: 'prod', server } };
  };
  const one = byContext('https://10.0.0.1:6443');
  const two = byContext('https://10.0.0.2:6443');

  it('tells two clusters whose contexts share a name apart by their API server', async () => {
    const env = { XDG_STATE_HOME: tempDir('state-') };
    expect(auditRecordPath(one.cluster, env)).not.toBe(auditRecordPath(two.cluster, env));
    // A trailing slash is the same server.
    expect(auditRecordPath({ ...one.cluster, server: 'https://10.0.0.1:6443/' }, env)).toBe(
      auditRecordPath(one.cluster, env),
    );
    await recordAudit(one, env);
    const last = await openBaseline('last', env);
    expect((await last.find(one.cluster)).report?.cluster.server).toBe(one.cluster.server);
    const other = await last.find(two.cluster);
    expect(other.report).toBeUndefined();
    expect(other.source).toMatch(/^last \(none recorded yet at /);
    expect(sameCluster(one.cluster, two.cluster)).toBe(false);
    expect(sameCluster(one.cluster, { ...two.cluster, server: one.cluster.server })).toBe(true);
  });

  it("still reads an older release's record of the same server, and never another server's", async () => {
    const env = { XDG_STATE_HOME: tempDir('state-') };
    // Where releases that hashed no server recorded the context `prod`: the path for an empty server
    // is not it, so the record is written by hand at the path those releases computed.
    const dir = join(env.XDG_STATE_HOME, 'aks-runbook', 'audits');
    mkdirSync(dir, { recursive: true });
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256')
      .update(JSON.stringify([false, '', '', 'prod']))
      .digest('hex')
      .slice(0, 12);
    writeFileSync(join(dir, `prod-${hash}.json`), JSON.stringify(one));
    const last = await openBaseline('last', env);
    const same = await last.find(one.cluster);
    expect(same.report?.cluster.server).toBe(one.cluster.server);
    expect(same.source).toBe(`last (${join(dir, `prod-${hash}.json`)})`);
    const other = await last.find(two.cluster);
    expect(other.report).toBeUndefined();
    expect(other.source).toBe(`last (none recorded yet at ${auditRecordPath(two.cluster, env)})`);
    // The next audit is recorded under the new identity, and found there first.
    const newer = { ...one, generatedAt: '2026-12-01T00:00:00.000Z' };
    await recordAudit(newer, env);
    expect((await last.find(one.cluster)).report?.generatedAt).toBe(newer.generatedAt);
  });
});

describe('steps the baseline did not check', () => {
  it('count their findings as new, and say which they are', () => {
    const before = { ...withRbac([]), steps: [withRbac([]).steps[1]!] }; // only imds ran
    const r = compareWithBaseline(withRbac([f('rbac.wildcard', 'a')]), before, 'b');
    expect(marks(r)).toEqual(['a:new']);
    expect(r.baseline!.uncompared).toEqual(['rbac']);
    expect(publishedSchema().safeParse(r).success).toBe(true);
    const same = compareWithBaseline(withRbac([f('rbac.wildcard', 'a')]), withRbac([]), 'b');
    expect(same.baseline!.uncompared).toBeUndefined();
  });
});

// README "Headless audit": with --baseline nothing of a step that did not read all it checks is
// listed as fixed. A maintenance window that could not be read now (*-window-unknown) hides the
// earlier no-window finding; it was not checked, not fixed.
describe('--baseline, and a fact that could not be read now', () => {
  const cluster = { kind: 'ManagedCluster', name: 'aks-prod' };
  const finding = (id: string, step: string): ReportedFinding => ({
    id,
    severity: 'medium',
    step,
    object: cluster,
    message: `${id} on aks-prod`,
    confirmedBy: null,
  });
  const withStep = (id: string, findings: ReportedFinding[]): AuditReport => ({
    ...sampleReport(),
    steps: [{ id, title: id, status: 'findings', findings }],
  });

  for (const [step, missing, unknown] of [
    ['upgrades', 'versions.no-upgrade-window', 'versions.upgrade-window-unknown'],
    ['node-image', 'nodeos.no-window', 'nodeos.window-unknown'],
  ] as const) {
    it(`${missing} is not listed as fixed when now ${unknown}`, () => {
      const before = withStep(step, [finding(missing, step)]);
      const now = withStep(step, [finding(unknown, step)]);
      const r = compareWithBaseline(now, before, 'before.json');
      expect(r.baseline!.fixed.map((x) => x.id)).not.toContain(missing);
    });
  }

  it('no finding of a step with any unknown fact now is listed as fixed', () => {
    for (const id of UNKNOWN_FACT_FINDING_IDS) {
      const before = withStep('s', [finding('versions.unsupported', 's')]);
      const now = withStep('s', [finding(id, 's')]);
      expect(compareWithBaseline(now, before, 'b.json').baseline!.fixed, id).toEqual([]);
    }
    // A step that read all it checks still lists what is gone as fixed.
    const before = withStep('s', [finding('versions.unsupported', 's')]);
    const now = withStep('s', [finding('versions.auto-upgrade-off', 's')]);
    expect(compareWithBaseline(now, before, 'b.json').baseline!.fixed).toHaveLength(1);
  });
});
