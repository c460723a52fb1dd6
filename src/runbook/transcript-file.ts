import { writePrivateFile } from '../report/private-file.js';
import { renderTranscript } from '../report/transcript.js';
import { readJournal } from './journal-read.js';

/** Where a journal's transcript goes: next to it, same name, `.md`. */
export function transcriptPathFor(journalPath: string): string {
  return journalPath.replace(/\.jsonl$/, '') + '.md';
}

/** Renders the Markdown transcript of a journal file and writes it next to it; returns its path. */
export async function writeTranscript(journalPath: string): Promise<string> {
  const path = transcriptPathFor(journalPath);
  await writePrivateFile(path, renderTranscript(await readJournal(journalPath)));
  return path;
}
