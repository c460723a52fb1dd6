import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readJournal } from './journal-read.js';
import {
  digestSession,
  sameCluster,
  type SessionDigest,
  type SessionIdentity,
} from '../report/journal-digest.js';

/** The journal files in `dir`, newest first (their names start with the start time). */
export async function listJournalFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((n) => n.endsWith('.jsonl'))
    .sort()
    .reverse()
    .map((n) => join(dir, n));
}

/**
 * The previous session for the same cluster, when it ended with a change under way (an intent
 * with no result): a crash, a kill or a lost connection. Only the latest earlier session counts:
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
    return digest.inFlight.length > 0 ? digest : undefined;
  }
  return undefined;
}
