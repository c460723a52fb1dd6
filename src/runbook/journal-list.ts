import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { stateFolderError } from './journal-file.js';
import { readJournal } from './journal-read.js';
import { otherSessionRunning } from './process-alive.js';
import {
  digestSession,
  sameCluster,
  type SessionDigest,
  type SessionIdentity,
} from '../report/journal-digest.js';

/** A `*.jsonl` entry of the journal folder that is not a journal file, and why. */
export interface BadJournal {
  path: string;
  reason: string;
}

/**
 * The journal files in `dir`, newest first (their names start with the start time), and the
 * `*.jsonl` entries that cannot be journals (a folder). A folder that cannot be read is one line
 * naming it and `XDG_STATE_HOME`.
 */
export async function scanJournalFolder(
  dir: string,
): Promise<{ files: string[]; bad: BadJournal[] }> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files: [], bad: [] };
    throw stateFolderError(dir, error);
  }
  const files: string[] = [];
  const bad: BadJournal[] = [];
  for (const entry of entries.filter((e) => e.name.endsWith('.jsonl'))) {
    const path = join(dir, entry.name);
    if (await isFolder(path, entry)) bad.push({ path, reason: 'a folder, not a journal file' });
    else files.push(path);
  }
  files.sort().reverse();
  bad.sort((a, b) => b.path.localeCompare(a.path));
  return { files, bad };
}

/** The journal files in `dir`, newest first; `journal list` numbers them in this order. */
export async function listJournalFiles(dir: string): Promise<string[]> {
  return (await scanJournalFolder(dir)).files;
}

async function isFolder(path: string, entry: Dirent): Promise<boolean> {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * The previous session for the same cluster, when it ended with a change under way (an intent
 * with no result: a crash, a kill or a lost connection) or one whose outcome is unknown (sent,
 * its answer never came); never one whose process still runs. Only the latest earlier session counts:
 * once a later session ran, the operator has seen the cluster since.
 */
export async function findInterruptedSession(
  dir: string,
  identity: SessionIdentity,
  currentPath?: string,
): Promise<SessionDigest | undefined> {
  for (const path of await listJournalFiles(dir)) {
    if (path === currentPath) continue;
    let digest: SessionDigest;
    try {
      digest = digestSession(await readJournal(path));
    } catch {
      continue;
    }
    if (!sameCluster(digest.identity, identity)) continue;
    // A session still running (another terminal, a colleague) has not ended mid-change: its
    // changes are its own to finish, and it ran after any older one, so nothing is offered.
    if (otherSessionRunning(digest.pid)) return undefined;
    return digest.unsettled.length > 0 ? digest : undefined;
  }
  return undefined;
}
