import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { SHOWN_WAIT_MS, type WaitNotice } from '../model/bounds.js';
import { armOnlyReads } from './wire-guard.js';

type Pipeline = ContainerServiceClient['pipeline'];
type Policy = Parameters<Pipeline['addPolicy']>[0];
type Response = Awaited<ReturnType<Policy['sendRequest']>>;

/** How a throttled ARM request is asked again, and how long any wait may be. */
export interface ThrottleRetry {
  attempts: number;
  baseDelayMs: number;
  /** No wait is longer than this, whatever Retry-After asks (ARM may ask for 600 s). */
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told of a wait long enough to show the operator. */
  onWait?: (wait: WaitNotice) => void;
}

const DEFAULT: ThrottleRetry = { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 8_000 };
const MS_HEADERS = ['retry-after-ms', 'x-ms-retry-after-ms'];

/**
 * Every 429 from ARM, with or without Retry-After, is asked again here a few times, each wait
 * Retry-After capped at `maxDelayMs` (a throttled request was not processed, so sending it again
 * is safe). Any other Retry-After that reaches the SDK's own retry and poller is capped too, and a
 * 429 that outlasts these attempts leaves with no Retry-After, so the SDK does not wait it again.
 */
export function throttleWithoutRetryAfter(options: Partial<ThrottleRetry> = {}): Policy {
  const o = { ...DEFAULT, ...options };
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return {
    name: 'aksRunbookThrottleRetry',
    async sendRequest(request, next) {
      for (let attempt = 1; ; attempt++) {
        const response = await next(request);
        const asked = retryAfterMs(response);
        const last = attempt >= o.attempts || request.abortSignal?.aborted === true;
        if (response.status !== 429 || last) {
          capRetryAfter(response, o.maxDelayMs, response.status === 429);
          if (response.status === 503 && asked !== undefined && onlyReads(request)) {
            // The SDK's throttling retry waits this (capped) before asking a read again.
            shown(o, Math.min(asked, o.maxDelayMs), 'is unavailable (503)');
          }
          return response;
        }
        const ms = Math.min(asked ?? o.baseDelayMs * 2 ** (attempt - 1), o.maxDelayMs);
        shown(o, ms, 'is throttling (429)');
        await sleep(ms);
      }
    },
  };
}

function onlyReads(request: Parameters<Policy['sendRequest']>[0]): boolean {
  return armOnlyReads(request.method.toUpperCase(), new URL(request.url).pathname);
}

function shown(o: ThrottleRetry, ms: number, why: string): void {
  if (ms >= SHOWN_WAIT_MS) o.onWait?.({ api: 'arm', ms, why });
}

/** What the response's Retry-After headers ask for, in milliseconds. */
function retryAfterMs(response: Response): number | undefined {
  for (const name of MS_HEADERS) {
    const ms = Number(response.headers.get(name));
    if (response.headers.has(name) && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const text = response.headers.get('retry-after');
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (text.trim() !== '' && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}

/** Caps every Retry-After on the response at `maxMs` (or removes them all on a final 429). */
function capRetryAfter(response: Response, maxMs: number, remove: boolean): void {
  const asked = retryAfterMs(response);
  if (asked === undefined) return;
  for (const name of [...MS_HEADERS, 'retry-after']) response.headers.delete(name);
  if (!remove)
    response.headers.set('retry-after', String(Math.ceil(Math.min(asked, maxMs) / 1000)));
}
