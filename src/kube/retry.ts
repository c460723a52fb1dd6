import type {
  IsomorphicFetchHttpLibrary,
  RequestContext,
  ResponseContext,
} from '@kubernetes/client-node';
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
 * 5xx and dropped connections, with exponential backoff that honours Retry-After, and bounding
 * each read by a timeout. Writes are never repeated: an eviction's 429 means a PDB said no.
 */
export async function sendWithRetries(
  http: IsomorphicFetchHttpLibrary,
  request: RequestContext,
  policy: KubeRetryPolicy,
): Promise<ResponseContext> {
  const method = request.getHttpMethod().toString().toUpperCase();
  const path = new URL(request.getUrl()).pathname;
  if (!onlyReads(method, path)) return http.send(request).toPromise();
  const callerSignal = request.getSignal();
  const sleep = policy.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    request.setSignal(callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout);
    const last = attempt >= policy.attempts;
    let response: ResponseContext;
    try {
      response = await http.send(request).toPromise();
    } catch (error) {
      if (callerSignal?.aborted || last || !isTransient(error, timeout)) throw readable(error);
      await sleep(backoff(policy, attempt), callerSignal);
      continue;
    }
    if (last || !RETRY_STATUS.has(response.httpStatusCode)) return response;
    await response.body.text().catch(() => undefined); // free the connection
    await sleep(backoff(policy, attempt, response.headers['retry-after']), callerSignal);
  }
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

/** A dropped connection: asking again may work. */
function isTransient(error: unknown, timeout: AbortSignal): boolean {
  // A read that already waited the whole timeout is not asked again: that would multiply the wait.
  if (timeout.aborted) return false;
  const text = causeText(error);
  return /ECONNRESET|socket hang up|other side closed|EPIPE|UND_ERR_SOCKET/i.test(text);
}

/** A timed-out read says so (the bare AbortError would read like the operator cancelled). */
function readable(error: unknown): unknown {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new Error('ETIMEDOUT: the API server did not answer in time');
  }
  return error;
}

function causeText(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const e = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof e.message === 'string') parts.push(e.message);
    if (typeof e.code === 'string') parts.push(e.code);
    current = e.cause;
  }
  return parts.join(' ');
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
