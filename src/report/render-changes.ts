import type { AuditReport, ReportedFinding } from './audit-schema.js';
import { mdCode, mdText, objectName } from './markdown.js';

/**
 * The Markdown report's "Changes since" section, when a baseline was given: totals, then what is
 * new and what was fixed (unchanged findings are only counted; they are listed under the steps).
 */
export function changesSection(report: AuditReport): string[] {
  const b = report.baseline;
  if (!b) return [];
  const lines = [
    '',
    b.found
      ? `## Changes since ${b.generatedAt ? mdText(b.generatedAt) : 'the baseline'}`
      : '## Changes since the baseline: no earlier audit of this cluster',
    '',
    `- Baseline: ${mdText(b.source)}`,
    `- ${b.totals.new} new, ${b.totals.unchanged} unchanged, ${b.totals.fixed} fixed`,
  ];
  if (b.uncompared) {
    lines.push(
      `- Not checked in the baseline, so all their findings are new: ${mdText(b.uncompared.join(', '))}`,
    );
  }
  if (report.failOnNew)
    lines.push('- Only new findings count for the exit code (`--fail-on-new`).');
  const added = report.steps.flatMap((s) => s.findings.filter((f) => f.change === 'new'));
  lines.push('', '### New', '', ...listed(added, 'Nothing new.'));
  lines.push('', '### Fixed', '', ...listed(b.fixed, 'Nothing fixed.'));
  return lines;
}

function listed(findings: readonly ReportedFinding[], none: string): string[] {
  if (findings.length === 0) return [none];
  return findings.map((f) => {
    const on = objectName(f.object);
    return `- **${f.severity}** ${mdCode(f.id)}${on ? ` on ${mdCode(on)}` : ''}: ${mdText(f.message)}`;
  });
}
