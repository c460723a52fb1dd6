import type { SimClock } from '../clock.js';
import type { KubeObject, KubeWorld } from '../contracts.js';

/** Thrown to end an operation Failed with an ARM error. */
export class OperationFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown when an abort was requested; the operation ends Canceled. */
export class OperationCanceled extends Error {}

/** Why a node could not be drained in time. */
export interface DrainBlock {
  node: string;
  namespace: string;
  pod: string;
  pdb?: string;
  message: string;
}

/** What a drain needs: the world, the clock, and a way to notice an abort. */
export interface DrainContext {
  kube: KubeWorld;
  clock: SimClock;
  checkCancel(): void;
  /**
   * True while a force-upgrade override is in effect: AKS then deletes pods past their
   * PodDisruptionBudgets instead of waiting on the Eviction API.
   */
  bypassBudgets?: boolean;
}

/** How long AKS waits between eviction retries (simulated ms), as kubectl drain does. */
const EVICTION_RETRY_MS = 5_000;

/** Pods a drain leaves alone: DaemonSet pods and mirror (static) pods. */
function isDrainable(pod: KubeObject): boolean {
  const owners = pod.metadata.ownerReferences ?? [];
  if (owners.some((o) => o['kind'] === 'DaemonSet')) return false;
  return pod.metadata.annotations?.['kubernetes.io/config.mirror'] === undefined;
}

/**
 * Cordons and drains a node through the Eviction API, retrying refusals (429) until
 * `drainTimeoutMinutes` of simulated time; returns what blocked it, if anything did.
 */
export async function drainNode(
  ctx: DrainContext,
  node: string,
  drainTimeoutMinutes: number,
): Promise<DrainBlock | undefined> {
  ctx.kube.setUnschedulable(node, true);
  const deadline = ctx.clock.now() + ctx.clock.wallMs(drainTimeoutMinutes * 60_000);
  for (;;) {
    ctx.checkCancel();
    const pods = ctx.kube.podsOnNode(node).filter(isDrainable);
    if (pods.length === 0) return undefined;
    let block: DrainBlock | undefined;
    for (const pod of pods) {
      if (pod.metadata.deletionTimestamp) continue;
      const namespace = pod.metadata.namespace ?? 'default';
      if (ctx.bypassBudgets) {
        ctx.kube.deletePod(namespace, pod.metadata.name);
        continue;
      }
      const answer = ctx.kube.evict(namespace, pod.metadata.name);
      if (answer.code >= 200 && answer.code < 300) continue;
      if (answer.code === 404) continue;
      block ??= { node, namespace, pod: pod.metadata.name, message: answer.message };
      if (answer.pdb) block.pdb = answer.pdb;
    }
    if (ctx.clock.now() >= deadline) {
      if (block) return block;
      // Only terminating pods remain: AKS proceeds once the drain timeout has passed.
      return undefined;
    }
    await ctx.clock.sleep(EVICTION_RETRY_MS);
  }
}

/** AKS's drain failure message (`UpgradeFailed`, doc error-code-poddrainfailure). */
export function drainFailureMessage(b: DrainBlock): string {
  return (
    `Drain node ${b.node} failed when evicting pod ${b.pod} failed with Too Many Requests error. ` +
    `This is often caused by a restrictive Pod Disruption Budget (PDB) policy. See https://aka.ms/aks/debugdrainfailures. ` +
    `Original error: ${b.message || "Cannot evict pod as it would violate the pod's disruption budget."}. ` +
    `PDB debug info: ${b.namespace}/${b.pod} blocked by pdb ${b.pdb ?? 'unknown'} with 0 unready pods.`
  );
}
