import { fileReason } from '../model/file-reason.js';
import { mkdir, open } from 'node:fs/promises';
import { UserError } from '../model/errors.js';

/** The journal's one way to the disk; tests inject failures (a full disk) through it. */
export interface JournalFile {
  appendFile(text: string): Promise<void>;
  datasync(): Promise<void>;
  close(): Promise<void>;
}

/** Opens (creating) a journal file for appending, only its owner may read it. */
export type OpenJournalFile = (path: string) => Promise<JournalFile>;

/** The real file system. */
export const openForAppend: OpenJournalFile = async (path) => {
  const handle = await open(path, 'a', 0o600);
  return {
    appendFile: (text) => handle.appendFile(text, 'utf8'),
    datasync: () => handle.datasync(),
    close: () => handle.close(),
  };
};

/** Creates the journal folder; a folder that cannot be used is one line naming it. */
export async function makeJournalDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw stateFolderError(dir, error);
  }
}

/** The line for a journal folder that cannot be created or written. */
export function stateFolderError(dir: string, error: unknown): UserError {
  return new UserError(
    `the journal folder ${dir} cannot be used (${reasonOf(error)}); set XDG_STATE_HOME to a folder you can write`,
  );
}

/**
 * A journal write failed: nothing more is changed in this session, since a change that is not
 * journaled first could not be explained or resumed after a crash.
 */
export class JournalWriteError extends UserError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(
      `the journal ${path} could not be written (${reason}); no change is sent without it: free space or fix permissions, then start again`,
    );
    this.name = 'JournalWriteError';
  }

  /** The failure of a write, kept for every later write to report. */
  static of(path: string, error: unknown): JournalWriteError {
    return error instanceof JournalWriteError
      ? error
      : new JournalWriteError(path, reasonOf(error));
  }
}

/** What a file-system error means, in words and with its code. */
export function reasonOf(error: unknown): string {
  return fileReason(error);
}
