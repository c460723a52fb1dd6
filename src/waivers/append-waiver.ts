import { fileReason } from '../model/file-reason.js';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isSeq, parseDocument, stringify } from 'yaml';
import { UserError } from '../model/errors.js';
import { parseWaivers, type WaiverRules, type WaiverSet } from './waiver-file.js';
import type { WaiverEntry } from './waiver-schema.js';

const NEW_FILE = `# Accepted risks for aks-runbook (see the README, "Waivers"). One entry per risk:
# the finding id, the object and cluster it applies to, why, who answers for it, until when.
waivers: []
`;

/**
 * Appends one waiver to the file (made, with its folder, when missing), keeping the comments and
 * entries already there. The new text is checked as the audit will read it before it replaces the
 * file, whole (written aside, then renamed): a file that was broken before is left alone.
 */
export async function appendWaiver(
  file: string,
  entry: WaiverEntry,
  rules: WaiverRules,
): Promise<WaiverSet> {
  let text: string;
  let mode = 0o644;
  try {
    text = await readFile(file, 'utf8');
    mode = (await stat(file)).mode & 0o777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UserError(
        `cannot read the waivers file ${file}: ${fileReason(error)}; check the path, its permissions and free disk space`,
      );
    }
    text = NEW_FILE;
  }
  parseWaivers(text, file, rules); // the file as it is must be right before it grows
  const doc = parseDocument(text);
  const list = doc.get('waivers');
  if (isSeq(list)) {
    list.flow = false;
    list.add(doc.createNode(entry));
  } else {
    doc.set('waivers', doc.createNode([entry]));
  }
  const next = doc.toString();
  const set = parseWaivers(next, file, rules);
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, next, { mode });
  await rename(partial, file);
  return set;
}

/** The entry as `appendWaiver` would add it to the `waivers:` list, one line each. */
export function waiverLines(entry: WaiverEntry): string[] {
  return stringify([entry]).trimEnd().split('\n');
}
