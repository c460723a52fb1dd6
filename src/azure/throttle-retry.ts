import type { ContainerServiceClient } from '@azure/arm-containerservice';

type Pipeline = ContainerServiceClient['pipeline'];
type Policy = Parameters<Pipeline['addPolicy']>[0];

/** How often a 429 without Retry-After is asked again, and how long to wait at most. */
export interface ThrottleRetry {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT: ThrottleRetry = { attempts: 4, baseDelayMs: 1_000, maxDelayMs: 8_000 };
const RETRY_AFTER = ['retry-after', 'retry-after-ms', 'x-ms-retry-after-ms'];

/**
 * The Azure SDK retries a 429 only when it carries Retry-After (and 5xx and resets by itself);
 * ARM can throttle without the header. This policy asks such a 429 again, with exponential
 * backoff, a few times: a throttled request was not processed, so sending it again is safe.
 */
export function throttleWithoutRetryAfter(options: Partial<ThrottleRetry> = {}): Policy {
  const o = { ...DEFAULT, ...options };
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return {
    name: 'aksRunbookThrottleWithoutRetryAfter',
    async sendRequest(request, next) {
      for (let attempt = 1; ; attempt++) {
        const response = await next(request);
        const throttled =
          response.status === 429 && !RETRY_AFTER.some((h) => response.headers.has(h));
        if (!throttled || attempt >= o.attempts || request.abortSignal?.aborted) return response;
        await sleep(Math.min(o.baseDelayMs * 2 ** (attempt - 1), o.maxDelayMs));
      }
    },
  };
}
