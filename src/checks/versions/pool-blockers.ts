import type { PoolVersionFacts } from './facts.js';
import type { PdbFacts } from './preflight.js';
import { largestBatch, upgradeBatch, worstBatch } from './upgrade-batch.js';
import { unsatisfiableBy } from './unsatisfiable-pdb.js';

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
  /**
   * Its status is not current yet (`statusBehind`): how many it allows is unknown, it counts as
   * none, and the eviction API refuses its pods until the disruption controller catches up.
   */
  notCurrent?: true;
  /**
   * Set when the blocker is pods several budgets select (`pdb` then names them all, and
   * `podsInPool` counts those pods): the eviction API refuses them whatever the budgets allow.
   */
  shared?: true;
  /**
   * Set when the budget has maxUnavailable 0: AKS refuses the whole upgrade before any drain
   * (UnsatisfiablePDB), whatever pods it selects, so it is a blocker of every pool.
   */
  refused?: true;
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
  const planned = upgradeBatch(pool.settings, pool.count);
  // A Spot pool is not drained: no budget holds its upgrade (none protects its pods either).
  if (planned.noDrain) return [];
  const batch = largestBatch(planned);
  const out: PoolBlocker[] = [];
  for (const pdb of pdbs) {
    const inPool = pdb.podNodes.filter((n) => nodePools[n] === pool.name);
    if (unsatisfiableBy(pdb) === 'max-unavailable-zero') {
      out.push({
        pdb: `${pdb.namespace}/${pdb.name}`,
        workloads: pdb.workloads,
        allowed: 0,
        podsInPool: inPool.length,
        atOnce: worstBatch(inPool, batch),
        verdict: 'blocks',
        refused: true,
      });
      continue;
    }
    if (inPool.length === 0) continue;
    const atOnce = worstBatch(inPool, batch);
    const allowed = allowedOf(pdb);
    const verdict = allowed <= 0 ? 'blocks' : atOnce > allowed ? 'slows' : undefined;
    if (!verdict) continue;
    out.push({
      pdb: `${pdb.namespace}/${pdb.name}`,
      workloads: pdb.workloads,
      allowed,
      podsInPool: inPool.length,
      atOnce,
      verdict,
      ...(pdb.statusBehind ? { notCurrent: true as const } : {}),
    });
  }
  out.push(...sharedBlockers(pool.name, pdbs, nodePools));
  const rank = (b: PoolBlocker) => (b.verdict === 'blocks' ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b) || a.pdb.localeCompare(b.pdb));
}

/** Pods on the pool that several budgets select, one blocker per set of budgets. */
function sharedBlockers(
  pool: string,
  pdbs: readonly PdbFacts[],
  nodePools: Readonly<Record<string, string>>,
): PoolBlocker[] {
  const out: PoolBlocker[] = [];
  for (const pdb of pdbs) {
    // Said by the first budget of each set only, so a set is one blocker.
    const pods = (pdb.sharedPods ?? []).filter(
      (s) => s.pdbs[0] === pdb.name && nodePools[s.node] === pool,
    );
    const sets = [...new Set(pods.map((p) => p.pdbs.join(', ')))];
    for (const set of sets) {
      const count = pods.filter((p) => p.pdbs.join(', ') === set).length;
      out.push({
        pdb: set
          .split(', ')
          .map((n) => `${pdb.namespace}/${n}`)
          .join(', '),
        workloads: pdb.workloads,
        allowed: allowedOf(pdb),
        podsInPool: count,
        atOnce: count,
        verdict: 'blocks',
        shared: true,
      });
    }
  }
  return out;
}

/** What a budget allows as far as it is known: none while its status is not current. */
function allowedOf(pdb: PdbFacts): number {
  return pdb.statusBehind ? 0 : Math.max(0, pdb.disruptionsAllowed);
}
