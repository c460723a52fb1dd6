import { fileReason } from '../model/file-reason.js';
import { alignColumns } from '../model/text-cells.js';
import { UserError } from '../model/errors.js';
import { modeWords, renderTranscript, timelineLines } from '../report/transcript.js';
import { journalDir } from '../runbook/journal-location.js';
import { reasonOf } from '../runbook/journal-file.js';
import { listJournalFiles, scanJournalFolder } from '../runbook/journal-list.js';
import { otherSessionRunning } from '../runbook/process-alive.js';
import { readJournal } from '../runbook/journal-read.js';
import { type JournalContents } from '../model/journal.js';
import { digestSession } from '../report/journal-digest.js';
import { writePrivateFile } from '../report/private-file.js';
import { terminalSafeJson, visible } from '../model/visible-text.js';
import type { JournalCommandOptions } from './audit-args.js';
import { plural } from '../model/plural.js';

/** `aks-runbook journal list|show|export`: reads past sessions from the journal folder. */
export async function runJournal(
  options: JournalCommandOptions,
  env: NodeJS.ProcessEnv,
  out: (text: string) => void,
): Promise<number> {
  const dir = journalDir(env);
  if (options.action === 'list') {
    const { files, bad } = await scanJournalFolder(dir);
    if (files.length === 0 && bad.length === 0) {
      out(`No sessions journaled yet in ${dir}\n`);
      return 0;
    }
    // Every cell but the header comes from a journal: data, shown with its control characters.
    // CHANGES: one per operator decision (a drain is one); DRY RUNS: rehearsals, apart. Both
    // kinds of change whose end the session never learnt get a column: either may have left the
    // cluster mid-change.
    const rows = [
      ['#', 'STARTED', 'CLUSTER', 'MODE', 'CHANGES', 'DRY RUNS', 'IN FLIGHT', 'OUTCOME UNKNOWN'],
    ];
    const notes: string[] = [];
    let unsettled = false;
    for (const [index, file] of files.entries()) {
      let contents: JournalContents;
      try {
        contents = await readJournal(file);
      } catch (error) {
        notes.push(`#${index + 1} skipped: ${visible(file)}: cannot read it (${reasonOf(error)})`);
        continue;
      }
      const digest = digestSession(contents);
      if (digest.skipped > 0) {
        notes.push(`#${index + 1}: ${skippedWords(digest.skipped)}`);
      }
      const unknown = digest.unsettled.length - digest.inFlight.length;
      if (digest.unsettled.length > 0) unsettled = true;
      if (digest.inFlight.length > 0 && otherSessionRunning(digest.pid)) {
        notes.push(
          `#${index + 1}: still running (process ${digest.pid}): its changes in flight are under way there, not left behind`,
        );
      }
      rows.push(
        [
          String(index + 1),
          digest.startedAt ?? '?',
          digest.identity.cluster,
          digest.mode ? modeWords(digest.mode) : '?',
          String(digest.decisions.filter((d) => !d.dryRun).length),
          String(digest.decisions.filter((d) => d.dryRun).length),
          countCell(digest.inFlight.length),
          countCell(unknown),
        ].map(visible),
      );
    }
    for (const b of bad) notes.push(`skipped: ${visible(b.path)}: ${b.reason}`);
    if (unsettled) notes.unshift(UNSETTLED_LEGEND);
    out(
      alignColumns(rows).join('\n') +
        `\n${plural(files.length, 'session')} in ${dir}\n` +
        notes.map((n) => `${n}\n`).join(''),
    );
    return 0;
  }
  const contents = await readSession(options.session, dir);
  if (options.action === 'show') {
    const digest = digestSession(contents);
    const lines = [visible(contents.path), ...timelineLines(contents.records)];
    if (contents.tornTail) lines.push('(the last line was cut off: the session ended abruptly)');
    if (contents.skipped > 0) lines.push(`(${skippedWords(contents.skipped)})`);
    // Named as `journal list` counts them: IN FLIGHT (no result) and OUTCOME UNKNOWN.
    const unknown = digest.unsettled.filter((c) => c.result);
    if (digest.inFlight.length > 0) {
      lines.push(
        `${plural(digest.inFlight.length, 'change')} ${digest.inFlight.length === 1 ? 'was' : 'were'} left in flight (intent, no result): ${digest.inFlight.map((i) => `#${i.id}`).join(', ')}.`,
      );
    }
    if (unknown.length > 0) {
      lines.push(
        `${plural(unknown.length, 'change')} ${unknown.length === 1 ? 'was' : 'were'} sent with outcome unknown: ${unknown.map((c) => `#${c.intent.id}`).join(', ')}.`,
      );
    }
    if (digest.unsettled.length > 0)
      lines.push(
        'Check the cluster in Azure before sending any of them again: it may still be changing.',
      );
    out(lines.join('\n') + '\n');
    return 0;
  }
  const text =
    options.format === 'json'
      ? terminalSafeJson(
          JSON.stringify(
            {
              session: digestSession(contents),
              records: contents.records,
              skippedRecords: contents.skipped,
            },
            null,
            2,
          ),
        ) + '\n'
      : renderTranscript(contents);
  if (options.out) {
    await writePrivateFile(options.out, text).catch((error: unknown) => {
      throw new UserError(
        `cannot write ${options.out}: ${fileReason(error)}; check the path, its permissions and free disk space`,
      );
    });
  } else out(text);
  return 0;
}

/** A session named by its file, or by its number in `journal list` (1 = newest). */
async function readSession(session: string, dir: string): Promise<JournalContents> {
  let path = session;
  if (/^\d+$/.test(session)) {
    const files = await listJournalFiles(dir);
    const picked = files[Number(session) - 1];
    if (!picked) {
      throw new UserError(
        `there is no session #${session}; "aks-runbook journal list" shows ${files.length}`,
      );
    }
    path = picked;
  }
  try {
    return await readJournal(path);
  } catch (error) {
    throw new UserError(`cannot read the journal ${path} (${reasonOf(error)})`);
  }
}

/** A count column's cell: `no`, or `yes (n)`. */
function countCell(count: number): string {
  return count > 0 ? `yes (${count})` : 'no';
}

/** Under a list with a change of unknown end: what the two columns mean and what to do. */
const UNSETTLED_LEGEND = [
  'IN FLIGHT: the session ended while the change ran (no result written).',
  'OUTCOME UNKNOWN: the change was sent and its answer never came.',
  'Either may still be running: check the cluster before sending it again (journal show N names them).',
].join('\n');

/** The count of skipped lines, in words the operator can act on. */
function skippedWords(count: number): string {
  return `${plural(count, 'line')} skipped: not valid journal records (edited or damaged file)`;
}
