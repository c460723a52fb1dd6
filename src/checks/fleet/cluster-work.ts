import type { PoolVersionFacts, VersionFacts } from '../versions/facts.js';
import { imageStatus } from '../nodeimage/image-version.js';
import { sameArmValue } from '../arm-enums.js';
import { poolOrder, refuseTarget } from '../versions/planner.js';
import { compareVersions } from '../versions/semver.js';
import type { PlannedUpdate } from './update-plan.js';
import { plural } from '../../model/plural.js';

/** One ARM operation of a cluster's upgrade, in the order they are sent. */
export type ClusterOperation =
  | { kind: 'control-plane'; from: string; to: string }
  | { kind: 'pool'; pool: PoolVersionFacts; to: string }
  | { kind: 'image'; pool: PoolVersionFacts; from?: string; latest: string };

/** A pool's node image as read, and the latest its upgrade profile offers. */
export interface PoolImage {
  pool: string;
  image?: string;
  latest?: string;
}

/** What a cluster of the sequence needs: the operations, or why it cannot be upgraded as asked. */
export type ClusterWork =
  { kind: 'operations'; operations: ClusterOperation[] } | { kind: 'refused'; reason: string };

/**
 * The operations that bring one cluster to the change (pure), the way the upgrades step does
 * them: the control plane first, then each pool behind it, system pools first; for a node image
 * change, each pool whose image is not the latest. A cluster already there needs none; a newer
 * control plane is left alone; a target AKS would refuse is refused here.
 */
export function clusterWork(
  update: PlannedUpdate,
  versions: VersionFacts,
  images: readonly PoolImage[],
): ClusterWork {
  if (update.type === 'NodeImageOnly') {
    const operations = versions.pools.flatMap((pool): ClusterOperation[] => {
      const img = images.find((i) => i.pool === pool.name);
      const current =
        imageStatus({ nodeImageVersion: img?.image, latestNodeImageVersion: img?.latest }) ===
        'current';
      if (!img?.latest || (current && !sameArmValue(pool.provisioningState, 'Failed'))) return [];
      return [
        { kind: 'image', pool, ...(img.image ? { from: img.image } : {}), latest: img.latest },
      ];
    });
    return { kind: 'operations', operations };
  }
  const target = update.kubernetesVersion;
  if (!target) return { kind: 'refused', reason: 'no target version was given' };
  const current = versions.controlPlane.current;
  const operations: ClusterOperation[] = [];
  const cpBehind = compareVersions(current, target) < 0;
  if (cpBehind) {
    const refused = refuseTarget(versions, target, false);
    if (refused) return { kind: 'refused', reason: refused };
    operations.push({ kind: 'control-plane', from: current, to: target });
  }
  if (update.type === 'Full' && compareVersions(current, target) <= 0) {
    for (const pool of poolOrder(versions.pools, target, true))
      operations.push({ kind: 'pool', pool, to: target });
  }
  return { kind: 'operations', operations };
}

/** The operation in words: `control plane 1.30.11 → 1.30.12`, `pool system (3 nodes) → 1.30.12`. */
export function operationText(op: ClusterOperation): string {
  switch (op.kind) {
    case 'control-plane':
      return `control plane ${op.from} → ${op.to}`;
    case 'pool':
      return `pool ${op.pool.name} (${op.pool.mode}, ${plural(op.pool.count, 'node')}) ${op.pool.current === op.to ? `retry at ${op.to}` : `${op.pool.current} → ${op.to}`}`;
    case 'image':
      return `node image of pool ${op.pool.name} ${op.from ?? '?'} → ${op.latest}`;
  }
}
