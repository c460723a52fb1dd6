import {
  defaultRetryPolicy,
  type PipelinePolicy,
  type PipelineRetryOptions,
} from '@azure/core-rest-pipeline';
import { armOnlyReads } from './wire-guard.js';

/** The name the SDK gives its own retry policy (a reset, a 5xx, a 503's Retry-After). */
export const SDK_RETRY_POLICY = defaultRetryPolicy().name;

/**
 * The SDK's default retries, for reads only. A write that got no answer, or a 5xx, may have been
 * applied: sent again, it could act twice, or be refused (412, the eTag moved because the first
 * one landed) and read as "nothing was changed". So a write is sent once, and a lost answer stays
 * an unknown outcome that only reading the resource settles. A 429 is asked again elsewhere
 * (`throttleWithoutRetryAfter`): a throttled request was not processed.
 */
export function readsOnlyRetry(options: PipelineRetryOptions): PipelinePolicy {
  const retry = defaultRetryPolicy(options);
  return {
    name: 'aksRunbookReadsOnlyRetry',
    sendRequest(request, next) {
      const reads = armOnlyReads(request.method.toUpperCase(), new URL(request.url).pathname);
      return reads ? retry.sendRequest(request, next) : next(request);
    },
  };
}
