import { SEVERITIES } from '../model/finding.js';
import type { AuditReport, StepReport } from './audit-schema.js';
import { gateLines, holeLines, waiverWords } from './gate-words.js';
import { duration, mdCode, mdText, objectName, table } from './markdown.js';
import { changesSection } from './render-changes.js';

const STATUS_WORDS: Record<StepReport['status'], string> = {
  ok: '✔ ok',
  findings: '! findings',
  unavailable: '– unavailable',
  forbidden: '✖ forbidden',
  'not-built': '· not built',
};

/**
 * The audit report as a Markdown document, for a ticket or a change record. Every piece of text
 * from the cluster, Azure or a file goes through mdText (or mdCode), so none of it renders as
 * HTML, a link or formatting; only our own words carry Markdown.
 */
export function renderAuditMarkdown(report: AuditReport): string {
  const { cluster } = report;
  const where = [
    cluster.subscriptionId && `subscription ${mdCode(cluster.subscriptionId)}`,
    cluster.resourceGroup && `resource group ${mdCode(cluster.resourceGroup)}`,
    cluster.location && `location ${mdText(cluster.location)}`,
  ].filter(Boolean);
  const lines = [
    `# AKS audit: ${mdText(cluster.name)}`,
    '',
    `- Cluster: **${mdText(cluster.name)}**${where.length ? ` (${where.join(', ')})` : ''}${cluster.simulated ? ', simulated' : ''}`,
    `- API server: ${mdCode(cluster.server)}, Kubernetes ${mdText(cluster.kubernetesVersion)}`,
    ...(cluster.warnings ?? []).map((w) => `- **Warning:** ${mdText(w)}`),
    `- Audited: ${report.generatedAt} in ${duration(report.durationMs)} by ${report.tool.name} ${report.tool.version}`,
    `- Findings: ${SEVERITIES.slice()
      .reverse()
      .map((s) => `${report.totals[s]} ${s}`)
      .join(', ')}`,
    `- Result: exit code ${report.exitCode} (fails on ${report.failOn} and above)`,
    ...holeLines(report).map((l) => `- **${mdText(l)}**`),
    ...gateLines(report).map((l) => `- ${mdText(l)}`),
    ...changesSection(report),
    '',
    '## Steps',
    '',
    ...table(
      ['step', 'status', 'findings', 'note'],
      report.steps.map((s) => [
        s.id,
        STATUS_WORDS[s.status],
        String(s.findings.length),
        [s.errorKind && `(${s.errorKind})`, s.reason, s.missing && `— ${s.missing}`]
          .filter(Boolean)
          .join(' '),
      ]),
    ),
  ];
  for (const step of report.steps.filter((s) => s.findings.length > 0)) {
    lines.push('', `## ${mdText(step.title)} (${mdCode(step.id)})`, '');
    for (const f of step.findings) {
      const on = objectName(f.object);
      const confirmed = f.confirmedBy === 'api-server' ? ' _(confirmed by the API server)_' : '';
      const isNew = f.change === 'new' ? ' **new**' : '';
      const waived = waiverWords(f);
      lines.push(
        `- **${f.severity}**${isNew} ${mdCode(f.id)}${on ? ` on ${mdCode(on)}` : ''}: ${mdText(f.message)}${confirmed}`,
      );
      if (waived) lines.push(`  - _${mdText(waived[0]!.toUpperCase() + waived.slice(1))}_`);
      if (f.remediation) lines.push(`  - Fix: ${mdText(f.remediation)}`);
    }
  }
  return lines.join('\n') + '\n';
}
