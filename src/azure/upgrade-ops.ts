import type {
  AgentPool,
  ContainerServiceClient,
  ManagedCluster,
} from '@azure/arm-containerservice';
import type { ArmCoordinates } from '../model/arm.js';

/** The part of an SDK poller the operations here return (the steps follow it). */
export interface LroPoller {
  pollUntilDone(options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  /**
   * The operation as last heard from ARM; undefined until ARM answered the initial request (so,
   * once set, the request was accepted). `status`: notStarted, running, succeeded, failed, canceled.
   */
  readonly operationState?: { status: string } | undefined;
}

/** How often the SDK poller asks ARM for the operation's status (ms); Retry-After may override. */
export interface LroTiming {
  updateIntervalInMs?: number;
  /** Ends the request on its way (quitting): the session stops at once, not after its time limit. */
  abortSignal?: AbortSignal;
}

/** PUT of the whole managed cluster (the body as read, with the change applied), guarded by its eTag. */
export function putCluster(
  client: ContainerServiceClient,
  at: ArmCoordinates,
  body: ManagedCluster,
  t: LroTiming,
): LroPoller {
  // The eTag read with the body: ARM refuses the PUT (412) if the cluster changed since, rather
  // than let a body read before the confirmation undo that change.
  return client.managedClusters.createOrUpdate(at.resourceGroup, at.name, body, {
    ...t,
    ...(body.eTag ? { ifMatch: body.eTag } : {}),
  });
}

/** PUT of one agent pool (the body as read, with the change applied), guarded by its eTag. */
export function putPool(
  client: ContainerServiceClient,
  at: ArmCoordinates,
  pool: string,
  body: AgentPool,
  t: LroTiming,
): LroPoller {
  return client.agentPools.createOrUpdate(at.resourceGroup, at.name, pool, body, {
    ...t,
    ...(body.eTag ? { ifMatch: body.eTag } : {}),
  });
}

/** POST upgradeNodeImageVersion on one pool. */
export function postNodeImageUpgrade(
  client: ContainerServiceClient,
  at: ArmCoordinates,
  pool: string,
  t: LroTiming,
): LroPoller {
  return client.agentPools.upgradeNodeImageVersion(at.resourceGroup, at.name, pool, t);
}

/** POST abort on the pool's or the cluster's latest operation. */
export function postAbort(
  client: ContainerServiceClient,
  at: ArmCoordinates,
  pool: string | undefined,
  t: LroTiming,
): LroPoller {
  return pool
    ? client.agentPools.abortLatestOperation(at.resourceGroup, at.name, pool, t)
    : client.managedClusters.abortLatestOperation(at.resourceGroup, at.name, t);
}
