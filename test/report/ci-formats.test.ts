import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from '../../src/baseline/compare.js';
import type { AuditReport } from '../../src/report/audit-schema.js';
import {
  auditedSection,
  buildCombinedReport,
  unreachedSection,
} from '../../src/report/combined-report.js';
import { rejudged } from '../../src/report/exit-code.js';
import { FINDING_MEANINGS } from '../../src/report/finding-catalog.js';
import { renderAudit } from '../../src/report/render.js';
import { renderCombined } from '../../src/report/render-combined.js';
import { applyWaivers } from '../../src/waivers/apply-waivers.js';
import { JUNIT_XSD, sarifSchema, xmlAgainstXsd } from '../helpers/schema-validators.js';
import { sampleReport } from './sample-report.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  kind: string;
  baselineState?: string;
  suppressions?: Array<{ kind: string; status: string; justification: string }>;
  locations: Array<{
    logicalLocations: Array<{ name: string; fullyQualifiedName: string; kind: string }>;
  }>;
}
interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; help: { text: string } }> } };
    invocations: Array<{
      executionSuccessful: boolean;
      exitCode: number;
      toolExecutionNotifications?: unknown[];
    }>;
    results: SarifResult[];
  }>;
}

/** The sample report with a hostile name, one waived finding and a baseline with one fixed finding. */
function gated(): AuditReport {
  const base = sampleReport();
  const rbac = base.steps[0]!;
  const hostile = {
    ...rbac.findings[0]!,
    object: { kind: 'RoleBinding', namespace: 'ns', name: 'evil\u001b[2J<&>"\'' },
  };
  const now = {
    ...base,
    steps: [{ ...rbac, findings: [...rbac.findings, hostile] }, ...base.steps.slice(1)],
  };
  const before = {
    ...base,
    generatedAt: '2025-02-01T00:00:00.000Z',
    steps: [
      {
        ...rbac,
        findings: [
          rbac.findings[0]!,
          { ...rbac.findings[0]!, id: 'rbac.wildcard', severity: 'low' as const },
        ],
      },
    ],
  };
  const waived = applyWaivers(
    now,
    {
      file: 'w.yaml',
      waivers: [
        {
          entry: 1,
          finding: 'rbac.cluster-admin',
          reason: 'break-glass',
          owner: 'sec',
          expires: '2025-04-01',
        },
      ],
    },
    new Date('2025-03-01T00:00:00Z'),
  );
  return rejudged(compareWithBaseline(waived, before, 'before.json'));
}

describe('--output sarif', () => {
  it('validates against the SARIF 2.1.0 schema, with one rule per id and one result per finding', () => {
    const report = gated();
    const text = renderAudit(report, 'sarif');
    const log = JSON.parse(text) as SarifLog;
    expect(sarifSchema()(log)).toEqual([]);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(Object.keys(FINDING_MEANINGS)));
    for (const r of run.results) expect(ids[r.ruleIndex]).toBe(r.ruleId);
    const help = run.tool.driver.rules.find((r) => r.id === 'rbac.cluster-admin')!.help.text;
    expect(help).toBe(
      'a subject may do everything (* verbs, resources, groups); medium in a namespace',
    );

    const findings = report.steps.flatMap((s) => s.findings);
    expect(run.results).toHaveLength(findings.length + 1); // + the fixed one
    const by = (id: string) => run.results.filter((r) => r.ruleId === id);
    expect(by('rbac.cluster-admin')[0]).toMatchObject({
      level: 'error',
      kind: 'fail',
      baselineState: 'new',
    });
    expect(by('rbac.cluster-admin')[0]!.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'break-glass (owner sec, until 2025-04-01; w.yaml entry 1)',
      },
    ]);
    expect(by('rbac.user-subject').map((r) => [r.level, r.baselineState])).toEqual([
      ['warning', 'unchanged'],
      ['warning', 'new'],
    ]);
    expect(by('rbac.wildcard')).toMatchObject([
      { kind: 'pass', level: 'none', baselineState: 'absent' },
    ]);
    expect(by('rbac.user-subject')[0]!.locations[0]!.logicalLocations[0]).toEqual({
      name: 'alice|admin',
      fullyQualifiedName: 'aks-one/RoleBinding/payments/alice|admin',
      kind: 'resource',
    });
    // The refused step makes the run unsuccessful, and is said.
    expect(run.invocations[0]).toMatchObject({ executionSuccessful: false, exitCode: 2 });
    expect(run.invocations[0]!.toolExecutionNotifications).toHaveLength(2);
    // Data from the cluster keeps its bytes, escaped (no raw ESC in the output).
    expect(text).not.toContain('\u001b');
    expect(text).toContain('evil\\u001b[2J');
  });

  it('carries no embedded link from the data: literal [, ] and \\ are escaped (SARIF 2.1.0 §3.11.6)', () => {
    const report = sampleReport();
    const rbac = report.steps[0]!;
    rbac.findings[0] = {
      ...rbac.findings[0]!,
      message: 'User mallory [approved](https://evil.example/) is bound directly',
      remediation: 'Bind a group instead of \\[x](0)',
    };
    report.steps[3]!.reason = 'refused for [this](sarif:/runs/0)';
    const log = JSON.parse(renderAudit(report, 'sarif')) as {
      runs: Array<{
        results: Array<{ message: { text: string } }>;
        invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }>;
      }>;
    };
    const run = log.runs[0]!;
    expect(run.results[0]!.message.text).toBe(
      'User mallory \\[approved\\](https://evil.example/) is bound directly Fix: Bind a group instead of \\\\\\[x\\](0)',
    );
    expect(run.invocations[0]!.toolExecutionNotifications.map((n) => n.message.text)).toContain(
      'step containers could not finish: refused for \\[this\\](sarif:/runs/0)',
    );
  });

  it('gives one run per cluster for several clusters, a cluster not reached as a failed run', () => {
    const combined = buildCombinedReport({
      clusters: [
        auditedSection('one', {}, gated()),
        unreachedSection('two', {}, 'cannot reach the API server', 'unreachable'),
      ],
      failOn: 'high',
      version: '0.1.0',
      startedAt: new Date('2025-03-01T10:00:00Z'),
      finishedAt: new Date('2025-03-01T10:00:09Z'),
    });
    const log = JSON.parse(renderCombined(combined, 'sarif')) as SarifLog;
    expect(sarifSchema()(log)).toEqual([]);
    expect(log.runs).toHaveLength(2);
    expect(log.runs[1]).toMatchObject({
      results: [],
      invocations: [{ executionSuccessful: false, exitCode: 2 }],
    });
  });
});

describe('--output junit', () => {
  it('validates against the JUnit XSD: a case per step and object, failures at or above --fail-on', async () => {
    const xml = renderAudit(gated(), 'junit');
    expect(await xmlAgainstXsd(xml, JUNIT_XSD)).toEqual([]);
    const suites = [
      ...xml.matchAll(
        /<testsuite name="aks-one: ([\w-]+)" tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/g,
      ),
    ].map((m) => [m[1], ...m.slice(2).map(Number)]);
    expect(suites).toEqual([
      // step, tests, failures, errors, skipped
      ['rbac', 3, 0, 0, 0], // three objects; the high one is waived, the others medium
      ['imds', 1, 0, 0, 0],
      ['defender', 1, 0, 1, 0], // a step that could not finish is an error, never a skip
      ['containers', 1, 0, 1, 0],
      ['drain', 1, 0, 0, 1],
      ['waivers', 1, 0, 0, 0],
    ]);
    expect(xml).toContain(
      '<testcase name="RoleBinding/payments/alice|admin" classname="aks-runbook.aks-one.rbac">',
    );
    expect(xml).toContain('waived until 2025-04-01 by sec: break-glass');
    expect(xml).toContain('evil\\x1b[2J&lt;&amp;&gt;&quot;&apos;');
    expect(xml).not.toContain('\u001b');
  });

  it('fails the cases with findings that count, and a cluster not reached is an error', async () => {
    const strict = rejudged({ ...gated(), failOn: 'medium' });
    const combined = buildCombinedReport({
      clusters: [
        auditedSection('one', {}, strict),
        unreachedSection('two', {}, 'cannot reach <it>', 'unreachable'),
      ],
      failOn: 'medium',
      version: '0.1.0',
      startedAt: new Date('2025-03-01T10:00:00Z'),
      finishedAt: new Date('2025-03-01T10:00:09Z'),
    });
    const xml = renderCombined(combined, 'junit');
    expect(await xmlAgainstXsd(xml, JUNIT_XSD)).toEqual([]);
    expect(xml).toMatch(/<testsuite name="one: rbac" tests="3" failures="2"/);
    expect(xml).toMatch(/<testsuite name="two: connect" tests="1" failures="0" errors="1"/);
    expect(xml).toContain('message="cannot reach &lt;it&gt;"');
    // Errors: the refused step, the step that could not finish (defender), the cluster not reached.
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="aks-runbook audit" tests="9" failures="2" errors="3">/,
    );
    expect(xml).toContain(
      'message="could not finish (forbidden): you are not allowed to list pods"',
    );
  });
});
