import { ApiException } from '@kubernetes/client-node';
import { answerFinal, statusWords } from '../model/answer-final.js';
import type { ErrorKind } from '../model/errors.js';
import { firstLine, messageOf } from '../model/errors.js';
import { codeWords, kubeErrorKind, statusKind } from './errors.js';

/** What a failed watch (or the list before it) means for following that kind. */
export interface WatchFailure {
  /** No retry can mend it: following stops and says so until the operator asks again. */
  final: boolean;
  /** The resourceVersion is too old (410 Gone): list again before watching. */
  relist: boolean;
  kind: ErrorKind;
  /** The answer in a few words: `403 Forbidden`, `fetch failed (ECONNRESET)`. */
  words: string;
}

/**
 * Whether an answer with HTTP `status` to a watch or its list is final: the shared rule
 * (`answerFinal`: 408, 429 and 5xx are retried, any other 4xx is final), except 410 Gone, which a
 * new list mends.
 */
export function watchStatusFinal(status: number): boolean {
  return status !== 410 && answerFinal(status);
}

/**
 * The HTTP status of a failed watch or list: an API exception's code, the status the watch
 * client puts on a non-200 answer (`statusCode`), or the code of an in-stream Status (ERROR
 * event); undefined when no answer came (network, TLS, timeout).
 */
export function watchStatus(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  const e = error as { statusCode?: unknown; code?: unknown; kind?: unknown } | null;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  // An in-stream ERROR event's object is a Status: { kind: 'Status', code: 403, ... }.
  if (e?.kind === 'Status' && typeof e.code === 'number') return e.code;
  return undefined;
}

/** Classifies a failed watch or list of a followed kind (see `watchStatusFinal`). */
export function watchFailureOf(error: unknown): WatchFailure {
  const status = watchStatus(error);
  if (status === undefined) {
    const kind = kubeErrorKind(error);
    return {
      final: false,
      relist: false,
      kind,
      words: `${firstLine(messageOf(error))}${codeWords(error)}`,
    };
  }
  return {
    final: watchStatusFinal(status),
    relist: status === 410,
    kind: statusKind(status),
    words: statusWords(status),
  };
}
