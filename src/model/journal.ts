import type { StepId } from './checklist.js';
import type { SessionMode } from './session.js';

/** What one mutation is about to do: written, and flushed to disk, before the request leaves. */
export interface Intent {
  step: StepId;
  /** A short verb phrase: `cordon`, `evict`, `create networkpolicy`, `upgrade pool`. */
  action: string;
  /** The object acted on, e.g. `node/aks-system-12345678-vmss000000`. */
  target: string;
  detail?: Record<string, unknown>;
}

/** How a journaled mutation ended; `unknown`: its answer never came (it may or may not have taken). */
export type Outcome = 'ok' | 'failed' | 'cancelled' | 'unknown';

/** One line of a journal file as read back; fields follow what `Journal` writes. */
export type JournalRecord =
  | { type: 'session'; time: string; cluster: string; mode?: SessionMode; pid?: number }
  | {
      type: 'note';
      time: string;
      step: string;
      message: string;
      detail?: Record<string, unknown>;
    }
  | {
      type: 'confirmation';
      time: string;
      cluster: string;
      change: string;
      details?: string[];
      typed?: string;
      answer: 'yes' | 'no';
    }
  | {
      type: 'intent';
      time: string;
      id: number;
      step: string;
      action: string;
      target: string;
      detail?: Record<string, unknown>;
    }
  | {
      type: 'result';
      time: string;
      id: number;
      outcome: string;
      error?: string;
      /**
       * On a later result line of the same id: how a change whose answer was lost was settled by
       * reading again (that line's outcome supersedes the earlier `unknown`).
       */
      settled?: string;
    };

/** A journal file read back: its records, and whether the last line was cut off (a crash). */
export interface JournalContents {
  path: string;
  records: JournalRecord[];
  /** The last line was not whole JSON: the process died while writing it. */
  tornTail: boolean;
  /** Whole lines skipped: not JSON, or not a record of the shape `Journal` writes (should be 0). */
  skipped: number;
}

/** A change an earlier session started and never saw finish. */
export interface InFlightChange {
  step: string;
  action: string;
  target: string;
  /** When the intent was written. */
  time: string;
  detail?: Record<string, unknown>;
  /** Its result was written, outcome `unknown`: sent, and whether it took was never learnt. */
  outcomeUnknown?: boolean;
}

/**
 * What a step may do with the session's journal: run each mutation between an intent line (on
 * disk before the request leaves) and a result line, write notes, and read the journal back.
 * The runbook's `Journal` is the one implementation.
 */
export interface StepJournal {
  /** The journal file (exports are written next to it). */
  readonly path: string;
  /** Runs a mutation between an intent line (flushed before `act` starts) and a result line. */
  mutation<T>(intent: Intent, act: () => Promise<T>): Promise<T>;
  /**
   * Records how a mutation whose answer was lost (`lost`, the `OutcomeUnknown` `mutation` threw)
   * turned out when read again: `ok` it is in effect (by this write or another's), `failed` it is
   * not (never recorded for a write that timed out: it may still land); `how` says what the read
   * showed. Does nothing for any other error.
   */
  settled(lost: unknown, outcome: 'ok' | 'failed', how: string): Promise<void>;
  /** Records a free-form event (a step started, a finding summary, ...). */
  note(step: StepId, message: string, detail?: Record<string, unknown>): Promise<void>;
  /** The journal as written so far. */
  read(): Promise<JournalContents>;
  /** Calls `listener` after each record is written; returns what stops it. */
  onRecord?(listener: () => void): () => void;
  /** Writes the Markdown transcript next to the journal; resolves to its path. */
  writeTranscript(): Promise<string>;
}

/**
 * A journaled change in words: the action and its target, the kind said once (`evict pod` on
 * `pod/payments/orders-db-0` reads "evict pod payments/orders-db-0", not "pod pod/…").
 */
export function actionOn(action: string, target: string): string {
  const slash = target.indexOf('/');
  const kind = slash > 0 ? target.slice(0, slash) : '';
  const said = kind !== '' && action.toLowerCase().endsWith(` ${kind.toLowerCase()}`);
  return `${action} ${said ? target.slice(slash + 1) : target}`;
}

/** The message of the journal note that says a step's look failed (detail `why`). */
export const LOOK_FAILED = 'look-failed';
