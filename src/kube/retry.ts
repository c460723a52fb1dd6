import type {
  IsomorphicFetchHttpLibrary,
  RequestContext,
  ResponseContext,
} from '@kubernetes/client-node';
import { SHOWN_WAIT_MS, type WaitNotice } from '../model/bounds.js';
import {
  FaultError,
  KIND_ADVICE,
  OutcomeUnknown,
  StoppedInFlight,
  stampKind,
} from '../model/errors.js';
import { openLookBound, unreachableWords } from '../model/look-bound.js';
import { stampedKube } from './errors.js';
import { ServerTimedOut, timeoutMessageOf } from './server-timeout.js';
import { onlyReads } from './wire-guard.js';

/** How Kubernetes reads are retried and bounded (client-node itself neither retries nor times out). */
export interface KubeRetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number;
  /** First backoff; doubled on each retry, with jitter. */
  baseDelayMs: number;
  /** No single wait is longer than this, whatever Retry-After asks. */
  maxDelayMs: number;
  /** Each attempt of a read is abandoned after this long (a hung server must not hang the tool). */
  timeoutMs: number;
  /** Waits (injectable so tests can record the delays). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Told of a wait long enough to show the operator (`SHOWN_WAIT_MS` or more). */
  onWait?: (wait: WaitNotice) => void;
}

/** Bounded: four attempts, at most 8 s between them, 30 s per attempt. */
export const DEFAULT_KUBE_RETRY: KubeRetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  timeoutMs: 30_000,
};

/** Statuses worth asking again: throttled, or the server (or a proxy in front of it) failed. */
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);

/**
 * Sends one request, retrying an idempotent read (GET, and the access-review questions) on 429,
 * 5xx and dropped connections, with exponential backoff that honours Retry-After up to a cap.
 * Every attempt, a write's single one too, is bounded by the policy's timeout, and `deadline`
 * (the audit's time limit) ends everything, as does the bound of the look it belongs to (its
 * retries never outlive it). A failure leaves with its kind stamped on it.
 * Writes are never repeated: an eviction's 429 means a PDB said no. A write answered 504 (the
 * API server's own timeout) leaves as `ServerTimedOut`: its outcome is unknown.
 */
export async function sendWithRetries(
  http: IsomorphicFetchHttpLibrary,
  request: RequestContext,
  policy: KubeRetryPolicy,
  deadline?: AbortSignal,
): Promise<ResponseContext> {
  const method = request.getHttpMethod().toString().toUpperCase();
  const path = new URL(request.getUrl()).pathname;
  const retried = onlyReads(method, path);
  const callerSignal = request.getSignal();
  const look = openLookBound();
  const outer = [callerSignal, deadline, look?.signal].filter(
    (s): s is AbortSignal => s !== undefined,
  );
  const stop = outer.length > 0 ? AbortSignal.any(outer) : undefined;
  const sleep = policy.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    request.setSignal(stop ? AbortSignal.any([stop, timeout]) : timeout);
    const last = !retried || attempt >= policy.attempts;
    let response: ResponseContext;
    // Stopped before it left: fetch refuses an aborted signal, so the write is never sent.
    const stoppedBefore = stop?.aborted === true;
    try {
      response = await http.send(request).toPromise();
    } catch (error) {
      const unreached = unreachableWords(error);
      if (look && unreached)
        look.noteTrouble(`the API server ${new URL(request.getUrl()).origin}`, unreached);
      if (look?.signal.aborted && !deadline?.aborted) throw look.failure();
      // A write stopped after it left (the operator quit, the run's time limit): the server goes
      // on with what it got, so its outcome is unknown, never "cancelled". A dry run changes nothing.
      if (!retried && stop?.aborted && !stoppedBefore && !isDryRun(request.getUrl()))
        throw stoppedInFlight(error, method, request.getUrl(), stop, deadline);
      if (!retried && !stop?.aborted) {
        const unanswered = timeout.aborted ? unansweredIn(policy.timeoutMs) : undefined;
        // undici refuses a request on a closed dispatcher before dispatching it: never sent.
        if (!timeout.aborted && hasCode(error, NEVER_SENT))
          throw notSent(error, method, request.getUrl());
        if (unanswered !== undefined || isDropped(error)) {
          // A server-side dry run changes nothing, whether or not it was heard.
          if (isDryRun(request.getUrl()))
            throw dryRunUnheard(error, method, request.getUrl(), unanswered);
          // A write dropped mid-request (connection reset, HTTP/2 stream reset), or unanswered
          // for the whole timeout (a connection that could not be made fails sooner, with a code
          // of its own), was sent: the server may have applied it. Never asked again, and never
          // said as "not sent" or "cannot reach".
          throw sentOutcomeUnknown(error, method, request.getUrl(), unanswered);
        }
      }
      if (stop?.aborted || last || !isTransient(error, timeout)) {
        throw readable(error, timeout, deadline, policy.timeoutMs);
      }
      await wait(policy, backoff(policy, attempt), 'dropped the connection', stop, sleep);
      continue;
    }
    // A write the API server timed out on (504) may still be made: never "failed" (a dry run
    // changes nothing, so its 504 stays the failure it is).
    if (!retried && response.httpStatusCode === 504 && !isDryRun(request.getUrl())) {
      const body = await response.body.text().catch(() => '');
      throw new ServerTimedOut(method, request.getUrl(), timeoutMessageOf(body));
    }
    if (last || !RETRY_STATUS.has(response.httpStatusCode)) return response;
    await response.body.text().catch(() => undefined); // free the connection
    const why =
      response.httpStatusCode === 429
        ? 'is throttling (429)'
        : `answered ${response.httpStatusCode}`;
    await wait(policy, backoff(policy, attempt, response.headers['retry-after']), why, stop, sleep);
  }
}

async function wait(
  policy: KubeRetryPolicy,
  ms: number,
  why: string,
  stop: AbortSignal | undefined,
  sleep: NonNullable<KubeRetryPolicy['sleep']>,
): Promise<void> {
  if (ms >= SHOWN_WAIT_MS) policy.onWait?.({ api: 'kube', ms, why });
  await sleep(ms, stop);
}

/** The wait before the next attempt: Retry-After when the server gave one, else 2^n backoff. */
export function backoff(policy: KubeRetryPolicy, attempt: number, retryAfter?: string): number {
  const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, policy.maxDelayMs);
  // Retry-After may also be an HTTP date.
  const at = retryAfter === undefined ? NaN : Date.parse(retryAfter);
  if (Number.isFinite(at)) return Math.min(Math.max(0, at - Date.now()), policy.maxDelayMs);
  const exp = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(exp * (0.8 + Math.random() * 0.4), policy.maxDelayMs);
}

/**
 * Error codes of a connection dropped mid-request, or of an HTTP/2 request the server reset on
 * its own (its connection and the other requests on it go on): asking again may work.
 */
const DROPPED = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ERR_HTTP2_STREAM_ERROR',
]);

/** A dropped connection (from the codes along the cause chain, never the message text). */
function isTransient(error: unknown, timeout: AbortSignal): boolean {
  // A read that already waited the whole timeout is not asked again: that would multiply the wait.
  if (timeout.aborted) return false;
  return isDropped(error);
}

/**
 * A write whose request was dropped after it left: its outcome is unknown (the journal records
 * `unknown`), said with the server's origin and the request, the cause kept and its kind stamped.
 */
function sentOutcomeUnknown(
  error: unknown,
  method: string,
  url: string,
  said?: string,
): OutcomeUnknown {
  const { origin, pathname } = new URL(url);
  const words = said ?? unreachableWords(error) ?? 'dropped the request';
  const unknown = new OutcomeUnknown(
    `the API server at ${origin} ${words} during ${method} ${pathname}: it was sent, so it may or may not have taken effect; look at the object before doing it again`,
  );
  return stampKind(Object.assign(unknown, { cause: error }), said ? 'timeout' : 'unreachable');
}

/**
 * A write this session stopped waiting for once it had left: unknown, said with who stopped it,
 * the cause kept; a time limit's stop stamped `timeout`.
 */
function stoppedInFlight(
  error: unknown,
  method: string,
  url: string,
  stop: AbortSignal,
  deadline: AbortSignal | undefined,
): StoppedInFlight {
  const { origin, pathname } = new URL(url);
  const reason = stop.reason as { name?: unknown } | undefined;
  const timedOut = deadline?.aborted === true || reason?.name === 'TimeoutError';
  const who = deadline?.aborted
    ? 'the time limit of the whole run ran out'
    : 'this session stopped';
  const unknown = new StoppedInFlight(
    `${who} while ${method} ${pathname} was on its way to the API server at ${origin}: it may have been received, so it may or may not take effect; look at the object before doing it again`,
  );
  Object.assign(unknown, { cause: error });
  return timedOut ? stampKind(unknown, 'timeout') : unknown;
}

/**
 * Codes undici throws before a request leaves (a closed or destroyed dispatcher refuses it in
 * `dispatch`): a read may still be asked again on a fresh connection, a write was simply not sent.
 */
const NEVER_SENT: ReadonlySet<string> = new Set(['UND_ERR_CLOSED']);

/**
 * A write undici refused before sending it: a plain failure (journaled failed, not unknown), said
 * as not sent, its kind stamped.
 */
function notSent(error: unknown, method: string, url: string): FaultError {
  const { origin, pathname } = new URL(url);
  const failure = new FaultError(
    'unreachable',
    `the connection to the API server at ${origin} was already closed, so ${method} ${pathname} was not sent and changed nothing; ${KIND_ADVICE.unreachable}`,
  );
  return Object.assign(failure, { cause: error });
}

/** Whether the request goes as a server-side dry run (`--dry-run` puts `dryRun=All` on it). */
function isDryRun(url: string): boolean {
  return new URL(url).searchParams.getAll('dryRun').includes('All');
}

/**
 * A dry-run write that got no answer: a plain failure (a dry run cannot change anything, so its
 * outcome is never unknown), said with the server's origin and the request, the cause kept.
 */
function dryRunUnheard(error: unknown, method: string, url: string, said?: string): FaultError {
  const { origin, pathname } = new URL(url);
  const kind = said ? 'timeout' : 'unreachable';
  const words = said ?? unreachableWords(error) ?? 'dropped the request';
  const failure = new FaultError(
    kind,
    `the API server at ${origin} ${words} during the dry run of ${method} ${pathname}: the dry run got no answer, and nothing could have changed; ${KIND_ADVICE[kind]}`,
  );
  return Object.assign(failure, { cause: error });
}

function isDropped(error: unknown): boolean {
  return hasCode(error, DROPPED);
}

/** Whether an error code along the cause chain is one of `codes` (never the message text). */
function hasCode(error: unknown, codes: ReadonlySet<string>): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    const e = current as { code?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && codes.has(e.code)) return true;
    current = e.cause;
  }
  return false;
}

/**
 * A timed-out request says so with its bound (the bare AbortError would read like the operator
 * cancelled), the audit's time limit says that; anything else leaves with its kind stamped.
 */
function readable(
  error: unknown,
  timeout: AbortSignal,
  deadline: AbortSignal | undefined,
  timeoutMs: number,
): unknown {
  if (deadline?.aborted) {
    return new FaultError(
      'timeout',
      `the time limit of the whole run ran out while the API server was being asked; ${KIND_ADVICE.timeout}`,
    );
  }
  if (timeout.aborted) {
    return new FaultError(
      'timeout',
      `the API server ${unansweredIn(timeoutMs)}; ${KIND_ADVICE.timeout}`,
    );
  }
  return stampedKube(error);
}

function unansweredIn(timeoutMs: number): string {
  return `did not answer in time (within ${timeoutMs / 1000} s)`;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
