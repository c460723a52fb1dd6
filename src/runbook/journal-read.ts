import { readFile } from 'node:fs/promises';
import type { JournalContents, JournalRecord } from '../model/journal.js';

const KNOWN = new Set(['session', 'note', 'confirmation', 'intent', 'result']);

/** Parses journal text; a torn last line is noted and skipped, never fatal. */
export function parseJournal(path: string, text: string): JournalContents {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const records: JournalRecord[] = [];
  let unreadable = 0;
  let tornTail = false;
  lines.forEach((line, index) => {
    const record = parseLine(line);
    if (record) records.push(record);
    else if (index === lines.length - 1 && !text.endsWith('\n')) tornTail = true;
    else if (line.trim() !== '') unreadable++;
  });
  return { path, records, tornTail, unreadable };
}

/** Reads and parses one journal file. */
export async function readJournal(path: string): Promise<JournalContents> {
  return parseJournal(path, await readFile(path, 'utf8'));
}

function parseLine(line: string): JournalRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const type = (value as { type?: unknown }).type;
  const time = (value as { time?: unknown }).time;
  if (typeof type !== 'string' || !KNOWN.has(type) || typeof time !== 'string') return undefined;
  // The journal is written by this program: the shape per type is trusted once the type is known.
  return value as JournalRecord;
}
