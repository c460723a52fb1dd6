import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { StepId } from '../model/checklist.js';
import {
  JournalWriteError,
  makeJournalDir,
  openForAppend,
  stateFolderError,
  type JournalFile,
  type OpenJournalFile,
} from './journal-file.js';
import { journalDir, journalFileName } from './journal-location.js';
import { OutcomeUnknown, mayStillLand, messageOf } from '../model/errors.js';
import { failureOf, isClientFailure } from '../target/failure.js';
import { redactedJson } from './redact.js';
import { readJournal } from './journal-read.js';
import { writeTranscript } from './transcript-file.js';
import type { ConfirmationRequest, SessionMode } from '../model/session.js';
import type { Intent, JournalContents, Outcome, StepJournal } from '../model/journal.js';

/**
 * The session's append-only record (JSON Lines). Every mutation goes through `mutation()`:
 * an `intent` line flushed to disk first, then a `result` line. No secret is ever written.
 * After one write fails (a full disk, permissions), every later write and mutation is refused at
 * once: no change leaves without its intent on disk, and no line is glued to a torn one.
 */
export class Journal implements StepJournal {
  private nextId = 1;
  private chain: Promise<void> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private readonly secrets = new Set<string>();
  private broken: JournalWriteError | undefined;
  private readonly failureListeners = new Set<(failure: JournalWriteError) => void>();
  private readonly recordListeners = new Set<() => void>();
  /** Each `OutcomeUnknown` a mutation threw, and that mutation's id (for `settled`). */
  private readonly lostAnswers = new WeakMap<OutcomeUnknown, number>();

  private constructor(
    readonly path: string,
    private readonly file: JournalFile,
  ) {}

  /** The write that failed, once one has: the session must change nothing more. */
  get failure(): JournalWriteError | undefined {
    return this.broken;
  }

  /** Calls `listener` after each record is written (a reader of the journal reads it again). */
  onRecord(listener: () => void): () => void {
    this.recordListeners.add(listener);
    return () => this.recordListeners.delete(listener);
  }

  /** Calls `listener` once, when the first write fails. */
  onFailure(listener: (failure: JournalWriteError) => void): void {
    this.failureListeners.add(listener);
  }

  /** Opens a new journal file for a session against `cluster`. */
  static async open(options: {
    cluster: string;
    mode: SessionMode;
    env: NodeJS.ProcessEnv;
    dir?: string;
    now?: Date;
    /** The file-writing seam (default: the real file system). */
    openFile?: OpenJournalFile;
  }): Promise<Journal> {
    const dir = options.dir ?? journalDir(options.env);
    await makeJournalDir(dir);
    const startedAt = options.now ?? new Date();
    const path = join(dir, journalFileName(options.cluster, startedAt, process.pid));
    const file = await (options.openFile ?? openForAppend)(path).catch((error: unknown) => {
      throw stateFolderError(dir, error);
    });
    const journal = new Journal(path, file);
    try {
      // Written, not flushed: waiting for the disk here would hold up the first look at the
      // cluster (a loaded disk takes tens to hundreds of ms). The first intent's flush, before
      // any change leaves, puts this line on disk with it.
      await journal.write(
        { type: 'session', cluster: options.cluster, mode: options.mode, pid: process.pid },
        false,
      );
    } catch (error) {
      // Nobody gets this journal: close its file here rather than leave it to the garbage collector.
      await journal.close().catch(() => undefined);
      throw error;
    }
    return journal;
  }

  /** Registers a string that must never reach the file (tokens, keys). */
  addSecret(secret: string): void {
    this.secrets.add(secret);
  }

  /** Runs a mutation between an intent line (on disk before `act` starts) and a result line. */
  async mutation<T>(intent: Intent, act: () => Promise<T>): Promise<T> {
    const id = this.nextId++;
    await this.write({ type: 'intent', id, ...intent }, true);
    try {
      const value = await act();
      await this.write({ type: 'result', id, outcome: 'ok' satisfies Outcome }, true);
      return value;
    } catch (error) {
      const outcome: Outcome =
        error instanceof OutcomeUnknown ? 'unknown' : isAbort(error) ? 'cancelled' : 'failed';
      if (error instanceof OutcomeUnknown) this.lostAnswers.set(error, id);
      // The change's own failure is what the caller must hear; a journal failure is kept anyway.
      await this.write(
        {
          type: 'result',
          id,
          outcome,
          error: errorText(error, `${intent.action} ${intent.target}`),
        },
        true,
      ).catch(() => undefined);
      throw error;
    }
  }

  /**
   * A second result line for the mutation that threw `lost` (its answer lost), once a read has
   * shown how it turned out: the journal no longer counts it unknown. The `unknown` line stays
   * before it (what was known then). Nothing for an error `mutation` did not throw as unknown;
   * a failed write is left to the journal's own failure report (the change already happened).
   * A write that went unanswered for its whole time limit is never settled as `failed`: the API
   * server may still be working on it (its own limit is longer), so "not in effect yet" proves
   * nothing and it stays unknown.
   */
  async settled(lost: unknown, outcome: 'ok' | 'failed', how: string): Promise<void> {
    const id = lost instanceof OutcomeUnknown ? this.lostAnswers.get(lost) : undefined;
    if (id === undefined) return;
    if (outcome === 'failed' && mayStillLand(lost)) return;
    this.lostAnswers.delete(lost as OutcomeUnknown);
    const words = outcome === 'failed' ? { error: how } : {};
    await this.write({ type: 'result', id, outcome, settled: how, ...words }, true).catch(
      () => undefined,
    );
  }

  /** Records what the operator was asked and what they answered. */
  async confirmation(request: ConfirmationRequest, answer: boolean): Promise<void> {
    await this.write({ type: 'confirmation', ...request, answer: answer ? 'yes' : 'no' }, false);
  }

  /** Records a free-form event (a step started, a finding summary, ...). */
  async note(step: StepId, message: string, detail?: Record<string, unknown>): Promise<void> {
    await this.write({ type: 'note', step, message, ...(detail ? { detail } : {}) }, false);
  }

  /** The journal as written so far (lines still queued are not in it yet). */
  read(): Promise<JournalContents> {
    return readJournal(this.path);
  }

  /** Writes the Markdown transcript next to the journal; resolves to its path. */
  writeTranscript(): Promise<string> {
    return writeTranscript(this.path);
  }

  private fail(error: unknown): JournalWriteError {
    if (this.broken) return this.broken;
    this.broken = JournalWriteError.of(this.path, error);
    for (const listener of this.failureListeners) listener(this.broken);
    return this.broken;
  }

  /** Closes the journal and removes its file: for a session that never began (connect failed). */
  async discard(): Promise<void> {
    await this.close();
    await rm(this.path, { force: true });
  }

  /** Flushes and closes the file; later calls wait for the same close. */
  close(): Promise<void> {
    // The chain never rejects (failed writes were already reported to their callers).
    this.closing ??= this.chain.then(() => this.file.close());
    return this.closing;
  }

  private write(record: Record<string, unknown>, flush: boolean): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closing) return Promise.reject(new Error(`the journal ${this.path} is closed`));
    const line = redactedJson({ time: new Date().toISOString(), ...record }, this.secrets) + '\n';
    const done = this.chain.then(async () => {
      // A write queued before the first failure must not land after a torn line either.
      if (this.broken) throw this.broken;
      try {
        await this.file.appendFile(line);
        if (flush) await this.file.datasync();
      } catch (error) {
        throw this.fail(error);
      }
      for (const listener of this.recordListeners) listener();
    });
    // Keep the chain alive after a failed write; the caller still sees the failure.
    this.chain = done.catch(() => undefined);
    return done;
  }
}

export { JournalWriteError };

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'CancelledError');
}

/**
 * The result line's words for a failed mutation: a client's failure in the shared one-line words
 * (never "fetch failed" or an HTTP dump), anything else (our own words, AKS's ending) as it is.
 */
function errorText(error: unknown, doing: string): string {
  return isClientFailure(error) ? failureOf(error, undefined, doing).line : messageOf(error);
}
