import type { AuditReport, ReportedFinding, StepReport } from './audit-schema.js';
import { countsForGate } from './exit-code.js';
import { isHoleFinding } from './hole-findings.js';
import { objectName } from './markdown.js';
import { xmlAttributes, xmlText } from './xml-text.js';

/** One cluster for JUnit: its report, or why there is none (not reached, refused). */
export interface JunitCluster {
  label: string;
  report?: AuditReport;
  reason?: string;
}

interface Suite {
  name: string;
  classname: string;
  time?: string;
  timestamp?: string;
  cases: Case[];
}

interface Case {
  name: string;
  failures: ReportedFinding[];
  errors: string[];
  skipped?: string;
  /** Findings that do not fail the gate (below it, waived, or not new), as lines. */
  passing: string[];
}

/**
 * The audit as JUnit XML (the Ant/Jenkins shape CI test tabs read): one suite per cluster and
 * step, one test case per object the step found something on. A case fails when it has findings
 * that count for `--fail-on` (not waived; with `--fail-on-new`, new); a refused read or step is an
 * error; a step that did not run or could not finish is skipped. The rest are listed as output.
 */
export function junitXml(clusters: readonly JunitCluster[]): string {
  const suites = clusters.flatMap((c): Suite[] =>
    c.report
      ? c.report.steps.map((s) => suite(c.label, c.report!, s))
      : [
          {
            name: `${c.label}: connect`,
            classname: 'aks-runbook',
            cases: [
              { name: 'connect', failures: [], errors: [c.reason ?? 'not audited'], passing: [] },
            ],
          },
        ],
  );
  const cases = suites.flatMap((s) => s.cases);
  const head = xmlAttributes({
    name: 'aks-runbook audit',
    tests: cases.length,
    failures: cases.filter(failed).length,
    errors: cases.filter(errored).length,
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${head}>`,
    ...suites.map(suiteXml),
    '</testsuites>',
    '',
  ].join('\n');
}

const failed = (c: Case): boolean => c.failures.length > 0;
const errored = (c: Case): boolean => c.errors.length > 0;

function suite(label: string, report: AuditReport, step: StepReport): Suite {
  const gate = (f: ReportedFinding) => countsForGate(f, report.failOn, report.failOnNew === true);
  let cases: Case[];
  if (step.status === 'forbidden' || step.status === 'unavailable') {
    // A hole in the audit is an error, never a skip: what the step looks at was not checked.
    const kind = step.errorKind ?? step.status;
    const missing = step.missing ? ` [${step.missing}]` : '';
    cases = [
      {
        name: step.id,
        failures: [],
        errors: [`could not finish (${kind}): ${step.reason ?? ''}${missing}`],
        passing: [],
      },
    ];
  } else if (step.status === 'not-built') {
    cases = [
      {
        name: step.id,
        failures: [],
        errors: [],
        skipped: `${step.status}: ${step.reason ?? ''}`,
        passing: [],
      },
    ];
  } else if (step.findings.length === 0) {
    cases = [{ name: 'no findings', failures: [], errors: [], passing: [] }];
  } else {
    const byObject = new Map<string, ReportedFinding[]>();
    for (const f of step.findings) {
      const on = objectName(f.object) || report.cluster.name;
      byObject.set(on, [...(byObject.get(on) ?? []), f]);
    }
    cases = [...byObject].map(([name, list]) => ({
      name,
      failures: list.filter((f) => !isHoleFinding(f) && gate(f)),
      errors: list.filter(isHoleFinding).map((f) => `${f.id}: ${f.message}`),
      passing: list.filter((f) => !isHoleFinding(f) && !gate(f)).map(line),
    }));
  }
  const suite: Suite = {
    name: `${label}: ${step.id}`,
    classname: `aks-runbook.${report.cluster.name}.${step.id}`,
    timestamp: report.generatedAt,
    cases,
  };
  if (step.durationMs !== undefined) suite.time = (step.durationMs / 1000).toFixed(3);
  return suite;
}

function suiteXml(suite: Suite): string {
  const attrs = xmlAttributes({
    name: suite.name,
    tests: suite.cases.length,
    failures: suite.cases.filter(failed).length,
    errors: suite.cases.filter(errored).length,
    skipped: suite.cases.filter((c) => c.skipped !== undefined).length,
    time: suite.time,
    timestamp: suite.timestamp,
  });
  return [
    `  <testsuite ${attrs}>`,
    ...suite.cases.map((c) => caseXml(c, suite.classname)),
    '  </testsuite>',
  ].join('\n');
}

function caseXml(c: Case, classname: string): string {
  const body: string[] = [];
  if (c.failures.length > 0) {
    const first = c.failures[0]!;
    const message =
      c.failures.length === 1
        ? `${first.severity} ${first.id}: ${first.message}`
        : `${c.failures.length} findings, the worst ${first.severity} ${first.id}`;
    body.push(
      `      <failure ${xmlAttributes({ type: first.id, message })}>${xmlText(c.failures.map(line).join('\n'), true)}</failure>`,
    );
  }
  for (const e of c.errors)
    body.push(`      <error ${xmlAttributes({ type: 'hole', message: e })}/>`);
  if (c.skipped !== undefined)
    body.push(`      <skipped ${xmlAttributes({ message: c.skipped })}/>`);
  if (c.passing.length > 0)
    body.push(`      <system-out>${xmlText(c.passing.join('\n'), true)}</system-out>`);
  const attrs = xmlAttributes({ name: c.name, classname });
  return body.length === 0
    ? `    <testcase ${attrs}/>`
    : [`    <testcase ${attrs}>`, ...body, '    </testcase>'].join('\n');
}

/** A finding as one line of a failure's text or of the output. */
function line(f: ReportedFinding): string {
  const marks = [
    f.change === 'new' ? 'new' : '',
    f.waiver ? `waived until ${f.waiver.expires} by ${f.waiver.owner}: ${f.waiver.reason}` : '',
  ].filter(Boolean);
  return `${f.severity} ${f.id}: ${f.message}${marks.length > 0 ? ` (${marks.join('; ')})` : ''}`;
}
