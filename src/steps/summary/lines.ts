import { findingsOf, latestFindings } from '../../report/transcript.js';
import { SEVERITIES } from '../../model/finding.js';
import type { JournalContents } from '../../model/journal.js';
import { digestSession } from '../../report/journal-digest.js';
import { decisionOutcome } from '../../report/decisions.js';

/** The session so far, from its journal: what each step found, what was asked, what changed. */
export function summaryLines(contents: JournalContents): string[] {
  const lines = ['Found (latest look at each step):'];
  const notes = latestFindings(contents.records).filter((n) => n.step !== 'summary');
  if (notes.length === 0) lines.push('  no step has been inspected yet');
  for (const note of notes) {
    const found = findingsOf(note);
    const bySeverity = [...SEVERITIES]
      .reverse()
      .map((sev) => [sev, found.filter((f) => f.severity === sev).length] as const)
      .filter(([, n]) => n > 0)
      .map(([sev, n]) => `${n} ${sev}`);
    const what =
      found.length === 0 ? 'nothing found' : `${found.length} (${bySeverity.join(', ')})`;
    lines.push(`  ${note.step.padEnd(11)} ${what}`);
  }
  const digest = digestSession(contents);
  const asked = contents.records.filter((r) => r.type === 'confirmation');
  const yes = asked.filter((r) => r.answer === 'yes').length;
  // One change per operator decision (a drain with its evictions is one); dry runs apart.
  const changes = digest.decisions.filter((d) => !d.dryRun);
  const dryRuns = digest.decisions.length - changes.length;
  const outcome = (o: string) => changes.filter((d) => decisionOutcome(d).startsWith(o)).length;
  lines.push(
    '',
    `Confirmations: ${asked.length} asked, ${yes} answered yes.`,
    changes.length === 0
      ? 'Changes: none.'
      : `Changes: ${changes.length} (${outcome('ok')} ok, ${outcome('failed')} failed, ${outcome('cancelled')} cancelled${outcome('outcome unknown') ? `, ${outcome('outcome unknown')} outcome unknown` : ''}).`,
    ...(dryRuns > 0 ? [`Dry runs (nothing changed): ${dryRuns}.`] : []),
  );
  for (const intent of digest.inFlight) {
    lines.push(`Still under way, no result yet: ${intent.step} ${intent.action} ${intent.target}`);
  }
  lines.push('', `Journal: ${contents.path}`);
  return lines;
}
