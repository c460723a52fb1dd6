import { alignColumns, padTo } from '../model/text-cells.js';
import type { AuditReport } from './audit-schema.js';
import { findingMarks, gateLines, holeLines, waiverWords } from './gate-words.js';
import { objectName } from './markdown.js';
import { plural } from '../model/plural.js';

/** The audit report as a plain-text table for a terminal or a CI log. */
export function renderAuditTable(report: AuditReport): string {
  // A column of marks (NEW, waived) only when waivers or a baseline were used.
  const marked = report.waivers !== undefined || report.baseline !== undefined;
  const rows: string[][] = [['SEVERITY', ...(marked ? ['MARK'] : []), 'ID', 'OBJECT', 'MESSAGE']];
  for (const step of report.steps) {
    for (const f of step.findings) {
      const confirmed = f.confirmedBy === 'api-server' ? ' (confirmed by the API server)' : '';
      const waived = waiverWords(f);
      rows.push([
        f.severity.toUpperCase(),
        ...(marked ? [findingMarks(f)] : []),
        f.id,
        objectName(f.object) || '-',
        f.message + confirmed + (waived ? ` [${waived}]` : ''),
      ]);
    }
  }
  const fixed = (report.baseline?.fixed ?? []).map(
    (f) => `  ${padTo(f.severity.toUpperCase(), 6)}  ${f.id}  ${objectName(f.object) || '-'}`,
  );
  const { cluster, totals } = report;
  const lines = [
    `Cluster ${cluster.name} (${cluster.server}, Kubernetes ${cluster.kubernetesVersion})`,
    ...(cluster.warnings ?? []).map((w) => `WARNING: ${w}`),
    '',
    ...report.steps.map((s) =>
      `${s.id.padEnd(12)} ${s.status.padEnd(11)} ${s.findings.length > 0 ? plural(s.findings.length, 'finding') : ''}${s.errorKind ? `(${s.errorKind}) ` : ''}${s.reason ? s.reason : ''}`.trimEnd(),
    ),
    '',
    ...(rows.length > 1 ? alignColumns(rows) : ['No findings.']),
    ...(fixed.length > 0 ? ['', 'Fixed since the baseline:', ...fixed] : []),
    '',
    ...holeLines(report),
    ...gateLines(report),
    `${totals.high} high, ${totals.medium} medium, ${totals.low} low, ${totals.info} info; exit code ${report.exitCode} (fails on ${report.failOn} and above)`,
  ];
  return lines.join('\n') + '\n';
}
