import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { JournalContents, JournalRecord } from '../model/journal.js';
import { journalRecordSchema } from './journal-schema.js';

// The schema reads back exactly the records the model's type describes (checked at compile time).
const fits: (record: z.infer<typeof journalRecordSchema>) => JournalRecord = (record) => record;

/** Parses journal text; a torn last line or a record of the wrong shape is skipped, never fatal. */
export function parseJournal(path: string, text: string): JournalContents {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const records: JournalRecord[] = [];
  let skipped = 0;
  let tornTail = false;
  lines.forEach((line, index) => {
    const record = parseLine(line);
    if (record) records.push(record);
    else if (index === lines.length - 1 && !text.endsWith('\n')) tornTail = true;
    else if (line.trim() !== '') skipped++;
  });
  return { path, records, tornTail, skipped };
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
  const parsed = journalRecordSchema.safeParse(value);
  return parsed.success ? fits(parsed.data) : undefined;
}
