import type { ContainerServiceClient } from '@azure/arm-containerservice';
import { FaultError, KIND_ADVICE } from '../model/errors.js';

type Policy = Parameters<ContainerServiceClient['pipeline']['addPolicy']>[0];

/** Where an operation's status is read, without the query (the poller may reorder it). */
function statusKey(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`.toLowerCase();
}

/**
 * ARM's Azure-AsyncOperation status always carries `status` (InProgress, Succeeded, Failed,
 * Canceled): only a terminal one ends the operation. The SDK's poller takes a 200 without it (a
 * proxy's answer, a truncated body) as "succeeded", so such an answer is a failure to read the
 * status here: the operation is followed as one whose outcome is unknown, never as done.
 * https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations
 */
export function operationStatusGuard(): Policy {
  const statusUrls = new Set<string>();
  return {
    name: 'aksRunbookOperationStatusGuard',
    async sendRequest(request, next) {
      const response = await next(request);
      const statusUrl = response.headers.get('azure-asyncoperation');
      if (statusUrl) statusUrls.add(statusKey(statusUrl));
      const polled =
        request.method.toUpperCase() === 'GET' && statusUrls.has(statusKey(request.url));
      if (polled && response.status === 200 && statusOf(response.bodyAsText) === undefined) {
        throw new FaultError(
          'not-aks',
          `Azure Resource Manager answered the status of an operation without saying how it stands (HTTP 200, no status); ${KIND_ADVICE['not-aks']}`,
        );
      }
      return response;
    },
  };
}

function statusOf(body: string | null | undefined): string | undefined {
  try {
    const status = (JSON.parse(body ?? '') as { status?: unknown } | null)?.status;
    return typeof status === 'string' && status !== '' ? status : undefined;
  } catch {
    return undefined;
  }
}
