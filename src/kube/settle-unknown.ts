import { OutcomeUnknown } from '../model/errors.js';
import { describeKubeError } from './errors.js';
import { isAbortError } from './request-options.js';
import { ServerTimedOut } from './server-timeout.js';

/**
 * What one look after a write whose outcome is unknown told: the state it found, or why it could
 * not look (the outcome stays unknown). `undefined` when the write's failure was not of that kind.
 */
export type Settlement<T> = { settled: true; value: T } | { settled: false; why: string };

/**
 * When `error` is an `OutcomeUnknown` (the write was sent, its answer lost), reads the object
 * again once (reads are retried) to settle what happened; any other failure gives `undefined`,
 * and an abort is thrown on. `request` names the read in the line of its own failure.
 */
export async function settleUnknownWrite<T>(
  error: unknown,
  server: string,
  request: string,
  read: () => Promise<T>,
): Promise<Settlement<T> | undefined> {
  if (!(error instanceof OutcomeUnknown)) return undefined;
  try {
    return { settled: true, value: await read() };
  } catch (readError) {
    if (isAbortError(readError)) throw readError;
    return { settled: false, why: describeKubeError(readError, server, request).message };
  }
}

/**
 * What the client heard of a write whose outcome is unknown, as a clause ("its answer was lost"):
 * a 504 is an answer, only not one that says what happened.
 */
export function lostWords(error: unknown): string {
  return error instanceof ServerTimedOut
    ? 'the API server answered 504 Timeout'
    : 'its answer was lost';
}

/** The shared words for a write whose outcome stays unknown: what to look at before acting. */
export function stillUnknownWords(change: string, check: string, error?: unknown): string {
  return `${change}: outcome unknown (it was sent, ${lostWords(error)}, and reading it again failed); check with ${check} before doing it again`;
}

/**
 * The shared words for a write that got no answer in time (or that the API server answered 504,
 * `error` a `ServerTimedOut`) and that reading again shows not (yet) in effect: `notYet` is what
 * the read showed, `late` what may still happen. Unknown, not failed.
 */
export function unansweredWords(
  change: string,
  notYet: string,
  late: string,
  check: string,
  error?: unknown,
): string {
  const heard =
    error instanceof ServerTimedOut
      ? 'the API server answered 504 Timeout: its own time limit ran out'
      : 'got no answer in time';
  return `${change}: outcome unknown (it was sent and ${heard}; reading it again shows ${notYet}, but the API server may still apply it, so ${late}); check with ${check} before doing it again`;
}
