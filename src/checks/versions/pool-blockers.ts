import type { PoolVersionFacts } from './facts.js';
import type { PdbFacts } from './preflight.js';
import { largestBatch, upgradeBatch } from './upgrade-batch.js';

/** A PodDisruptionBudget predicted to hold up the drains of one pool's upgrade. */
export interface PoolBlocker {
  /** `namespace/name` */
  pdb: string;
  /** Workloads owning its pods, e.g. `StatefulSet/orders-db`. */
  workloads: string[];
  /** Disruptions it allows now. */
  allowed: number;
  /** Its pods on this pool's nodes. */
  podsInPool: number;
  /** The most of its pods one drain batch holds (the larger of surge and in-place fallback). */
  atOnce: number;
  /** `blocks`: it allows no disruption, AKS cannot evict its pods; `slows`: a batch holds more than it allows. */
  verdict: 'blocks' | 'slows';
}

/** The most pods of one budget that a single drain batch of `batch` nodes holds. */
function worstBatch(podNodes: readonly string[], batch: number): number {
  const perNode = new Map<string, number>();
  for (const n of podNodes) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  return [...perNode.values()]
    .sort((a, b) => b - a)
    .slice(0, batch)
    .reduce((s, v) => s + v, 0);
}

/**
 * The budgets predicted to hold up draining `pool` during its upgrade, from the look's facts (the
 * same judgement as the preflight findings `versions.pdb-blocks-drain` and `versions.pdb-tight`),
 * blocking ones first. Pure.
 */
export function poolBlockers(
  pool: Pick<PoolVersionFacts, 'name' | 'count' | 'settings'>,
  pdbs: readonly PdbFacts[],
  nodePools: Readonly<Record<string, string>>,
): PoolBlocker[] {
  const batch = largestBatch(upgradeBatch(pool.settings, pool.count));
  const out: PoolBlocker[] = [];
  for (const pdb of pdbs) {
    const inPool = pdb.podNodes.filter((n) => nodePools[n] === pool.name);
    if (inPool.length === 0) continue;
    const atOnce = worstBatch(inPool, batch);
    const verdict =
      pdb.disruptionsAllowed <= 0
        ? 'blocks'
        : atOnce > pdb.disruptionsAllowed
          ? 'slows'
          : undefined;
    if (!verdict) continue;
    out.push({
      pdb: `${pdb.namespace}/${pdb.name}`,
      workloads: pdb.workloads,
      allowed: Math.max(0, pdb.disruptionsAllowed),
      podsInPool: inPool.length,
      atOnce,
      verdict,
    });
  }
  const rank = (b: PoolBlocker) => (b.verdict === 'blocks' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || a.pdb.localeCompare(b.pdb));
}
