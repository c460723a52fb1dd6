import type { AuditReport, ReportedFinding } from './audit-schema.js';
import { isHole } from './exit-code.js';
import { plural } from '../model/plural.js';
import { isHoleFinding } from './hole-findings.js';

/** `waived until 2027-01-31 by platform-team: the reason`, for a waived finding. */
export function waiverWords(finding: ReportedFinding): string | undefined {
  const w = finding.waiver;
  return w ? `waived until ${w.expires} by ${w.owner}: ${w.reason}` : undefined;
}

/** The marks of a finding in a text report: `NEW`, `waived`, both or none. */
export function findingMarks(finding: ReportedFinding): string {
  return [finding.change === 'new' ? 'NEW' : '', finding.waiver ? 'waived' : '']
    .filter(Boolean)
    .join(' ');
}

/** What the waivers and the baseline did, in a line each (none when neither was used). */
export function gateLines(report: AuditReport): string[] {
  const lines: string[] = [];
  const w = report.waivers;
  if (w) {
    lines.push(
      `Waivers: ${w.file}: ${plural(w.waived, 'finding')} waived (not counted for the exit code), ${w.expired} expired, ${w.unused} unused`,
    );
  }
  const b = report.baseline;
  if (b) {
    const since = b.found
      ? `since ${b.generatedAt ?? 'the baseline'}`
      : 'no earlier audit of this cluster in';
    lines.push(
      `Changes ${since} ${b.source}: ${b.totals.new} new, ${b.totals.unchanged} unchanged, ${b.totals.fixed} fixed${b.uncompared ? ` (not in the baseline: ${b.uncompared.join(', ')})` : ''}${report.failOnNew ? '; only new findings count for the exit code' : ''}`,
    );
  }
  return lines;
}

/**
 * What each hole in the audit left unchecked, one sentence each: a step that could not finish (the
 * kind of failure, why, what), and a read refused or failed inside a step that went on (its
 * finding). Any of them makes the exit code 2, whatever --fail-on, waivers or a baseline say.
 */
export function holeWords(report: Pick<AuditReport, 'steps'>): string[] {
  return report.steps.flatMap((s) =>
    isHole(s)
      ? [
          `step ${s.id} could not finish${s.errorKind ? ` (${s.errorKind})` : ''}: ${s.reason ?? 'no reason given'}${s.missing ? ` [${s.missing}]` : ''}`,
        ]
      : s.findings
          .filter(isHoleFinding)
          .map((f) => `step ${s.id} did not read all it checks (${f.id}): ${f.message}`),
  );
}

/** One `INCOMPLETE:` line per hole in the audit (see holeWords). */
export function holeLines(report: Pick<AuditReport, 'steps'>): string[] {
  return holeWords(report).map((w) => `INCOMPLETE: ${w}`);
}
