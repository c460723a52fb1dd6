import type { Aks } from '../arm/index.js';
import { busyRefusal, checkControlPlaneUpgrade } from '../arm/rules.js';
import type { Operation } from '../arm/operations.js';
import type { ClusterUpdate } from './state.js';

/** How one member's update ended: done, or failed with AKS's words. */
export type MemberOutcome =
  | { ok: true; operationId?: string; message?: string }
  | { ok: false; operationId?: string; code: string; message: string };

/**
 * Updates one member cluster the way Fleet Manager does, through the cluster's own resource
 * provider: the same upgrade or node image operation a single-cluster upgrade starts, so its
 * drains meet the same PodDisruptionBudgets. Resolves when the cluster's operations ended.
 */
export async function updateMember(
  aks: Aks,
  update: ClusterUpdate,
  started: (operationId: string) => void,
): Promise<MemberOutcome> {
  const provider = aks.provider;
  const busy = provider.busy();
  if (busy) {
    const r = busyRefusal(busy.what);
    return { ok: false, code: r.code, message: r.message };
  }
  const cluster = provider.cluster;
  const ops: Operation[] = [];
  const wait = async (op: Operation): Promise<MemberOutcome | undefined> => {
    ops.push(op);
    started(op.id);
    await op.done;
    if (op.status === 'Succeeded') return undefined;
    return {
      ok: false,
      operationId: op.id,
      code: op.error?.code ?? op.status,
      message: op.error?.message ?? `The operation ended ${op.status}.`,
    };
  };
  if (update.upgrade.type === 'NodeImageOnly') {
    for (const pool of cluster.pools) {
      if (pool.nodeImageVersion === pool.latestNodeImageVersion) continue;
      const failed = await wait(provider.upgradeNodeImage(pool));
      if (failed) return failed;
    }
    return done(ops, 'node images are the latest');
  }
  const to = update.upgrade.kubernetesVersion ?? '';
  const refusal = checkControlPlaneUpgrade(
    provider.descriptor.kubernetesVersions,
    cluster.currentKubernetesVersion,
    to,
  );
  if (refusal) return { ok: false, code: refusal.code, message: refusal.message };
  const pools = update.upgrade.type === 'Full' ? cluster.pools : [];
  const behind = pools.filter((p) => p.currentOrchestratorVersion !== to);
  if (cluster.currentKubernetesVersion === to && behind.length === 0)
    return { ok: true, message: `already at ${to}` };
  const failed = await wait(provider.upgradeCluster(to, behind));
  return failed ?? done(ops, undefined);
}

function done(ops: Operation[], nothingToDo: string | undefined): MemberOutcome {
  const last = ops.at(-1);
  if (last) return { ok: true, operationId: last.id };
  return nothingToDo ? { ok: true, message: nothingToDo } : { ok: true };
}
