import { SEVERITIES, type Severity } from '../model/finding.js';
import type { StepReport } from './audit-schema.js';
import type { CombinedReport } from './combined-schema.js';

/** What one cell of the fleet summary says: the worst finding of a step, or why there is none. */
function cellOf(step: StepReport | undefined): string {
  if (!step) return '-';
  if (step.status === 'ok') return 'ok';
  if (step.status !== 'findings') return step.status;
  let worst: Severity | undefined;
  const open = step.findings.filter((f) => !f.waiver);
  if (open.length === 0 && step.findings.length > 0) return 'waived';
  for (const f of open) {
    if (!worst || SEVERITIES.indexOf(f.severity) > SEVERITIES.indexOf(worst)) worst = f.severity;
  }
  return worst ?? 'ok';
}

/**
 * The fleet summary of a multi-cluster audit: one row per cluster, one column per step, the worst
 * finding in each cell (`ok`, a severity, or why the step did not run; `x` for a cluster that was
 * not audited at all). Text cells, already made visible by the caller.
 */
export function fleetSummaryRows(report: CombinedReport): string[][] {
  const stepIds: string[] = [];
  for (const c of report.clusters)
    for (const s of c.report?.steps ?? []) if (!stepIds.includes(s.id)) stepIds.push(s.id);
  const rows = report.clusters.map((c) => [
    c.label,
    ...stepIds.map((id) => (c.report ? cellOf(c.report.steps.find((s) => s.id === id)) : 'x')),
  ]);
  return [['cluster', ...stepIds], ...rows];
}
