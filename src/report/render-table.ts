import type { AuditReport } from './audit-schema.js';
import { objectName } from './markdown.js';

/** The audit report as a plain-text table for a terminal or a CI log. */
export function renderAuditTable(report: AuditReport): string {
  const rows: string[][] = [['SEVERITY', 'ID', 'OBJECT', 'MESSAGE']];
  for (const step of report.steps) {
    for (const f of step.findings) {
      const confirmed = f.confirmedBy === 'api-server' ? ' (confirmed by the API server)' : '';
      rows.push([
        f.severity.toUpperCase(),
        f.id,
        objectName(f.object) || '-',
        f.message + confirmed,
      ]);
    }
  }
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const format = (r: string[]): string =>
    r
      .map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c))
      .join('  ')
      .trimEnd();
  const { cluster, totals } = report;
  const lines = [
    `Cluster ${cluster.name} (${cluster.server}, Kubernetes ${cluster.kubernetesVersion})`,
    '',
    ...report.steps.map((s) =>
      `${s.id.padEnd(12)} ${s.status.padEnd(11)} ${s.findings.length > 0 ? `${s.findings.length} finding(s)` : ''}${s.reason ? s.reason : ''}`.trimEnd(),
    ),
    '',
    ...(rows.length > 1 ? rows.map(format) : ['No findings.']),
    '',
    `${totals.high} high, ${totals.medium} medium, ${totals.low} low, ${totals.info} info; exit code ${report.exitCode} (fails on ${report.failOn} and above)`,
  ];
  return lines.join('\n') + '\n';
}
