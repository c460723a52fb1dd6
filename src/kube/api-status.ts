import { ApiException } from '@kubernetes/client-node';

/** The HTTP status of a failed Kubernetes request, or undefined when it never got an answer. */
export function apiStatus(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}
