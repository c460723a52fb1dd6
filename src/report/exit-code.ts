import { SEVERITIES, type Severity } from '../model/finding.js';
import { isHoleFinding, isUnknownFactFinding } from './hole-findings.js';
import type { AuditReport, ReportedFinding, StepReport } from './audit-schema.js';

/** The default of `--fail-on`: only high-severity findings fail a pipeline unless asked. */
export const DEFAULT_FAIL_ON: Severity = 'high';

/** Whether `severity` is `threshold` or worse. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}

/**
 * The audit's exit code: 2 when the audit has a hole (a step that could not finish, for any
 * reason: refused, throttled, timed out, credentials gone, its Azure side not named), so it
 * cannot pass; else 1 when a finding is at or above `failOn`, else 0. A read refused or failed
 * inside a step (a finding of HOLE_FINDING_IDS) is such a hole too. Steps this version does not build are
 * listed but are no hole. A waived finding does not count, nor, with `onlyNew` (`--fail-on-new`),
 * one the baseline had; neither ever closes a hole.
 */
export function auditExitCode(
  steps: readonly StepReport[],
  failOn: Severity,
  onlyNew = false,
): 0 | 1 | 2 {
  if (steps.some((s) => isHole(s) || s.findings.some(isHoleFinding))) return 2;
  const failing = steps.some((s) => s.findings.some((f) => countsForGate(f, failOn, onlyNew)));
  return failing ? 1 : 0;
}

/**
 * Whether a finding fails the gate: at or above `failOn`, not waived, and new when `onlyNew`
 * (a fact that could not be read or told, UNKNOWN_FACT_FINDING_IDS, counts whatever the baseline
 * says: what it hides is unknown this run too, so less data never passes where more would fail).
 */
export function countsForGate(
  finding: Pick<ReportedFinding, 'id' | 'severity' | 'waiver' | 'change'>,
  failOn: Severity,
  onlyNew: boolean,
): boolean {
  return (
    atOrAbove(finding.severity, failOn) &&
    !finding.waiver &&
    (!onlyNew || finding.change !== 'unchanged' || isUnknownFactFinding(finding))
  );
}

/** How many findings there are of each severity. */
export function severityTotals(steps: readonly StepReport[]): Record<Severity, number> {
  const totals: Record<Severity, number> = { info: 0, low: 0, medium: 0, high: 0 };
  for (const s of steps) for (const f of s.findings) totals[f.severity]++;
  return totals;
}

/** A step that could not finish: what it looks at was not (entirely) checked. */
export function isHole(step: Pick<StepReport, 'status'>): boolean {
  return step.status === 'forbidden' || step.status === 'unavailable';
}

/** The report with its totals and exit code worked out again after waivers or a baseline. */
export function rejudged(report: AuditReport): AuditReport {
  return {
    ...report,
    totals: severityTotals(report.steps),
    exitCode: auditExitCode(report.steps, report.failOn, report.failOnNew === true),
  };
}
