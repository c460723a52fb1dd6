import {
  Observable,
  type ConfigurationOptions,
  type RequestContext,
} from '@kubernetes/client-node';

/**
 * Per-request options for client-node that tie the request to `signal` (aborting it cancels the
 * HTTP request) and set extra headers, e.g. the patch Content-Type.
 */
export function requestOptions(
  signal: AbortSignal | undefined,
  headers: Record<string, string> = {},
): ConfigurationOptions {
  return {
    middleware: [
      {
        pre: (request: RequestContext) => {
          if (signal) request.setSignal(signal);
          for (const [key, value] of Object.entries(headers)) request.setHeaderParam(key, value);
          return new Observable(Promise.resolve(request));
        },
        post: (response) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: 'append',
  };
}

/** Whether an error is the cancellation of an aborted request or wait. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
