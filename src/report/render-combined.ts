import { SEVERITIES } from '../model/finding.js';
import { terminalSafeJson, visibleDeep } from '../model/visible-text.js';
import type { AuditReport } from './audit-schema.js';
import type { CombinedReport } from './combined-schema.js';
import { duration, mdText, table } from './markdown.js';
import { sarifText, type AuditFormat } from './render.js';
import { junitXml } from './render-junit.js';
import { sarifLog } from './render-sarif.js';
import { renderAuditMarkdown } from './render-markdown.js';
import { renderAuditTable } from './render-table.js';
import { plural } from '../model/plural.js';
import { fleetSummaryRows } from './fleet-summary.js';
import { alignColumns } from '../model/text-cells.js';

const OUTCOME_WORDS: Record<CombinedReport['clusters'][number]['outcome'], string> = {
  audited: '✔ audited',
  forbidden: '✖ forbidden',
  unreachable: '✖ unreachable',
};

/** The combined report in the chosen format, ending with a newline (data shown as `renderAudit`). */
export function renderCombined(report: CombinedReport, format: AuditFormat): string {
  switch (format) {
    case 'json':
      return terminalSafeJson(JSON.stringify(report, null, 2)) + '\n';
    case 'markdown':
      return combinedMarkdown(visibleDeep(report));
    case 'table':
      return combinedTable(visibleDeep(report));
    case 'sarif':
      return sarifText(sarifLog(sections(report), report.tool));
    case 'junit':
      return junitXml(sections(report));
  }
}

function totalsLine(report: CombinedReport): string {
  return SEVERITIES.slice()
    .reverse()
    .map((s) => `${report.totals[s]} ${s}`)
    .join(', ');
}

function combinedMarkdown(report: CombinedReport): string {
  const lines = [
    `# AKS audit: ${plural(report.clusters.length, 'cluster')}`,
    '',
    `- Audited one after another: ${report.generatedAt} in ${duration(report.durationMs)} by ${report.tool.name} ${report.tool.version}`,
    `- Findings: ${totalsLine(report)}`,
    `- Result: exit code ${report.exitCode} (fails on ${report.failOn} and above${report.failOnNew ? ', new findings only' : ''})`,
    ...(report.changes ? [`- Changes since the baseline: ${changeWords(report.changes)}`] : []),
    '',
    '## Fleet summary (worst finding per step)',
    '',
    ...table(fleetSummaryRows(report)[0]!, fleetSummaryRows(report).slice(1)),
    '',
    '## Clusters',
    '',
    ...table(
      ['cluster', 'outcome', 'findings', 'exit code', 'note'],
      report.clusters.map((c) => [
        c.label,
        OUTCOME_WORDS[c.outcome],
        c.report ? String(c.report.steps.reduce((n, s) => n + s.findings.length, 0)) : '-',
        String(c.exitCode),
        c.reason ?? '',
      ]),
    ),
  ];
  for (const c of report.clusters) {
    lines.push('');
    if (!c.report) {
      lines.push(
        `## ${mdText(c.label)}`,
        '',
        `Not audited (${c.outcome}): ${mdText(c.reason ?? '')}`,
      );
      continue;
    }
    // Each cluster's own report, one heading level down.
    const own = renderAuditMarkdown(c.report).trimEnd();
    lines.push(...own.split('\n').map((l) => (l.startsWith('#') ? `#${l}` : l)));
  }
  return lines.join('\n') + '\n';
}

function combinedTable(report: CombinedReport): string {
  // The fleet at a glance first: clusters by steps, the worst finding in each cell.
  const lines: string[] = [
    'Fleet summary (worst finding per step):',
    ...alignColumns(fleetSummaryRows(report)),
    '',
  ];
  for (const c of report.clusters) {
    lines.push(`=== ${c.label}: ${c.outcome}${c.reason ? ` (${c.reason})` : ''}`);
    if (c.report) lines.push(renderAuditTable(c.report).trimEnd());
    lines.push('');
  }
  if (report.changes) lines.push(`Changes since the baseline: ${changeWords(report.changes)}`);
  lines.push(
    `${plural(report.clusters.length, 'cluster')}; ${totalsLine(report)}; exit code ${report.exitCode} (fails on ${report.failOn} and above)`,
  );
  return lines.join('\n') + '\n';
}

function changeWords(c: NonNullable<CombinedReport['changes']>): string {
  return `${c.new} new, ${c.unchanged} unchanged, ${c.fixed} fixed`;
}

function sections(
  report: CombinedReport,
): Array<{ label: string; report?: AuditReport; reason?: string }> {
  return report.clusters.map((c) => ({
    label: c.label,
    ...(c.report ? { report: c.report } : {}),
    ...(c.reason !== undefined ? { reason: c.reason } : {}),
  }));
}
