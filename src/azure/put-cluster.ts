import type { ManagedCluster } from '@azure/arm-containerservice';
import type { Connection } from '../model/connection.js';
import { describeArmError } from './errors.js';

/** How a PUT of the managed cluster is run: the body, its precondition and how to report. */
export interface ClusterPut {
  body: ManagedCluster;
  /** The eTag read just before: ARM refuses the PUT (412) if someone changed the cluster since. */
  eTag?: string;
  /** Told each poll's status (`running`, `succeeded`, ...). */
  onStatus: (status: string) => void;
  signal?: AbortSignal;
  /** Poll interval when ARM gives no Retry-After (tests use a few milliseconds). */
  pollMs?: number;
}

/**
 * PUTs the managed cluster and follows the long-running operation to its end. Returns the
 * cluster as the operation left it; failures throw a one-line `UserError` (a 403 is marked so
 * the caller can record the refusal).
 */
export async function putManagedCluster(
  arm: NonNullable<Connection['arm']>,
  put: ClusterPut,
): Promise<ManagedCluster> {
  try {
    const poller = arm.client.managedClusters.createOrUpdate(
      arm.at.resourceGroup,
      arm.at.name,
      put.body,
      {
        ...(put.eTag ? { ifMatch: put.eTag } : {}),
        ...(put.pollMs !== undefined ? { updateIntervalInMs: put.pollMs } : {}),
        abortSignal: put.signal,
      },
    );
    const stop = poller.onProgress((state) => put.onStatus(state.status));
    try {
      return await poller.pollUntilDone({ abortSignal: put.signal });
    } finally {
      stop();
    }
  } catch (error) {
    throw Object.assign(describeArmError(error, arm.at, 'change the cluster'), {
      statusCode: (error as { statusCode?: number }).statusCode,
    });
  }
}
