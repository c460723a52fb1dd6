import type { Finding } from '../../model/finding.js';
import { plural } from '../../model/plural.js';
import type { PoolUpgradeSettings } from './facts.js';
import { batchSettingsText, upgradeBatch } from './upgrade-batch.js';

// AKS's rolling upgrade article: with maxSurge 0 (which needs maxUnavailable 1 or more) a pool is
// upgraded in place: no surge node is added, and maxUnavailable nodes (a percentage of the pool,
// rounded up) are cordoned, drained and reimaged at once, so the pool runs that many nodes short
// for each batch; a batch as large as the pool leaves it no ready node at all. With both above 0
// the surge comes first, and AKS falls back to in place only when it cannot get surge capacity.

/** How many of a pool's nodes stay ready while an upgrade takes a batch of them out. */
export interface CapacityLoss {
  count: number;
  /** Nodes out at once. */
  out: number;
  /** Nodes left ready meanwhile (0: the pool has none). */
  left: number;
  /** `planned`: every upgrade (maxSurge 0); `fallback`: only when no surge capacity can be had. */
  path: 'planned' | 'fallback';
  /** A Spot pool: no surge node whatever maxSurge says, and no drain. */
  spot?: true;
}

/** The capacity an upgrade of `count` nodes takes from the pool, or undefined when it takes none. */
export function capacityLoss(
  settings: Pick<PoolUpgradeSettings, 'maxSurge' | 'maxUnavailable' | 'scaleSetPriority'>,
  count: number,
): CapacityLoss | undefined {
  if (count <= 0) return undefined;
  const batch = upgradeBatch(settings, count);
  const inPlace = batch.mode === 'in-place' ? batch.nodes : batch.fallbackInPlace;
  if (!inPlace) return undefined;
  const out = Math.min(inPlace, count);
  return {
    count,
    out,
    left: count - out,
    path: batch.mode === 'in-place' ? 'planned' : 'fallback',
    ...(batch.noDrain ? { spot: true as const } : {}),
  };
}

/** One sentence on what the pool is left with during the upgrade, for plans and questions. */
export function capacityWords(pool: string, loss: CapacityLoss): string {
  const when = loss.spot
    ? 'AKS adds no surge node to a Spot pool and does not drain it (its pods get an eviction notice; PodDisruptionBudgets are not honoured)'
    : loss.path === 'planned'
      ? 'AKS adds no surge node (maxSurge 0)'
      : 'If AKS cannot get a surge node it upgrades in place';
  if (loss.left === 0)
    return `${when} and takes ${loss.count === 1 ? 'the only node' : `all ${loss.count} nodes`} of pool ${pool} out at once: no node is left in the pool until ${loss.count === 1 ? 'it is' : 'they are'} back, so it loses all its capacity and whatever runs only there is down.`;
  return `${when} and takes ${plural(loss.out, 'node')} of pool ${pool} out at a time: only ${loss.left} of ${loss.count} nodes are ready meanwhile, so the pool runs with less capacity.`;
}

/**
 * A pool whose every upgrade takes capacity from it (maxSurge 0): high when it is left no ready
 * node, medium when fewer. AKS's in-place fallback (both settings above 0) happens only without
 * surge capacity: the questions say it, no finding does.
 */
export function capacityLossFinding(pool: {
  name: string;
  count: number;
  settings: PoolUpgradeSettings;
}): Finding | undefined {
  const loss = capacityLoss(pool.settings, pool.count);
  if (loss?.path !== 'planned') return undefined;
  const zero = loss.left === 0;
  const update = `az aks nodepool update -g <resource group> --cluster-name <cluster> -n ${pool.name} --max-surge 1 --max-unavailable 0`;
  return {
    id: 'versions.pool-capacity-loss',
    severity: zero ? 'high' : 'medium',
    object: { kind: 'AgentPool', name: pool.name },
    message: `${capacityWords(pool.name, loss)} (${batchSettingsText(pool.settings)}, ${plural(pool.count, 'node')})`,
    remediation: loss.spot
      ? `Add a node to the pool first, or keep what must stay up on a Regular pool: a Spot pool gets no surge node${zero ? '; or upgrade only when its workloads may be down' : ''}.`
      : `Upgrade with a surge node instead (${update}), or add a node to the pool first${zero ? ', or upgrade only when its workloads may be down' : ''}.`,
  };
}
