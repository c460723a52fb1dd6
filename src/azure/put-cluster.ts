import { isRestError, type ManagedCluster } from '@azure/arm-containerservice';
import type { Connection } from '../model/connection.js';
import { OutcomeUnknown, unheardWhy } from '../model/errors.js';
import { describeArmError } from './errors.js';
import { unheardOutcome } from './lro-outcome.js';

/**
 * The managed cluster as read, made fit to PUT back: without `servicePrincipalProfile`, which a GET
 * returns without its secret and which ARM's validation refuses when sent back so (az nulls it
 * before each GET-modify-PUT of the cluster for that reason; left out, AKS keeps it as it is).
 */
export function sendableCluster(read: ManagedCluster): ManagedCluster {
  const { servicePrincipalProfile: _withoutSecret, ...rest } = read;
  return rest;
}

/** Poller states that are ARM's word on how the operation ended. */
const SETTLED_STATES = new Set(['succeeded', 'failed', 'canceled']);

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
 * the caller can record the refusal), or `OutcomeUnknown` when Azure's answer was never heard.
 */
export async function putManagedCluster(
  arm: NonNullable<Connection['arm']>,
  put: ClusterPut,
): Promise<ManagedCluster> {
  let poller: ReturnType<typeof arm.client.managedClusters.createOrUpdate> | undefined;
  // Aborted before it was called: the PUT never leaves (the client checks the signal first).
  const abortedBefore = put.signal?.aborted === true;
  try {
    poller = arm.client.managedClusters.createOrUpdate(
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
    // No answer heard (ARM gone after it accepted the PUT, or before it answered): never "failed".
    if (put.signal?.aborted && !abortedBefore) {
      // Quit while it ran: the watch stopped, not ARM. Only a settled state is an answer.
      const state = poller?.operationState;
      if (state === undefined || !SETTLED_STATES.has(state.status)) {
        const accepted = state !== undefined;
        const why = accepted
          ? 'this session stopped watching before it ended'
          : 'this session stopped before Azure answered';
        throw new OutcomeUnknown(
          accepted
            ? `Azure accepted the request; ${why}`
            : `${why}, so Azure may or may not have accepted the request`,
          { accepted, why },
        );
      }
    }
    const unheard = put.signal?.aborted ? undefined : unheardOutcome(error, poller?.operationState);
    if (unheard) {
      const why = describeArmError(error, arm.at, 'follow the change').message;
      throw new OutcomeUnknown(unheardWhy(unheard.accepted, why), { ...unheard, why });
    }
    const statusCode = (error as { statusCode?: number }).statusCode;
    // No answer of Azure and no operation: refused on this side (a credential, a certificate, the
    // wire guard) before the PUT left.
    const notSent = poller?.operationState === undefined && !(isRestError(error) && statusCode);
    const code = isRestError(error) ? armCodeOf(error) : undefined;
    throw Object.assign(describeArmError(error, arm.at, 'change the cluster'), {
      statusCode,
      ...(code ? { code } : {}),
      ...(notSent ? { notSent: true } : {}),
    });
  }
}

/** ARM's error code of an answer (`EtagMismatch`, `PreconditionFailed`), if it gave one. */
function armCodeOf(error: { code?: string; details?: unknown }): string | undefined {
  const said = (error.details as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof said === 'string' ? said : error.code;
}
