import { access } from 'node:fs/promises';
import { listJournalFiles } from './journal-list.js';
import { otherSessionRunning } from './process-alive.js';
import { readJournal } from './journal-read.js';
import { transcriptPathFor, writeTranscript } from './transcript-file.js';

/**
 * Writes the transcript of every earlier session in `dir` that never got one: it was killed
 * (`kill -9`, a power cut) before it could write it on exit. A journal whose process still runs
 * (another session open now) is left to write its own. Failures are skipped: they must not stop
 * the session starting. Resolves to the transcripts written.
 */
export async function writeMissingTranscripts(dir: string, current: string): Promise<string[]> {
  const written: string[] = [];
  for (const path of await listJournalFiles(dir).catch(() => [] as string[])) {
    if (path === current) continue;
    if (await exists(transcriptPathFor(path))) continue;
    try {
      const pid = (await readJournal(path)).records.find((r) => r.type === 'session')?.pid;
      if (otherSessionRunning(pid)) continue;
      written.push(await writeTranscript(path));
    } catch {
      // An unreadable journal is named by `journal list`; nothing to write for it here.
    }
  }
  return written;
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
