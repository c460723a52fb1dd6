import type { DrainPdb, DrainPod, NodePlan } from '../../model/drain.js';
import { planNode, type DrainWorld } from './plan.js';

/** Options under which only PodDisruptionBudgets decide (AKS's drain evicts every other pod). */
const BUDGETS_ONLY = {
  ignoreDaemonSets: true,
  deleteEmptyDirData: true,
  force: true,
  timeoutSeconds: 0,
  disableEviction: false,
  batchSize: 1,
};

/**
 * The node's plan as the PodDisruptionBudgets alone decide it: every pod a drain could evict once
 * the operator allows emptyDir data loss and forced deletes (as AKS's own drain does) meets its
 * budgets, so a budget that refuses such a pod is not hidden behind the flag question.
 */
export function budgetPlan(node: string, pods: readonly DrainPod[], world: DrainWorld): NodePlan {
  return planNode(node, pods, world, BUDGETS_ONLY);
}

/** One budget that refuses some of the pods to evict now. */
export interface RefusingBudget {
  /** `namespace/name` of the PodDisruptionBudget. */
  pdb: string;
  /** The pods it refuses now (`namespace/name`), after the disruptions it still allows. */
  pods: string[];
}

/**
 * The budgets that refuse evicting some of `pods` now, judged as the eviction API would: each
 * budget's allowed disruptions go to the first pods, the rest wait (as do pods under two budgets).
 * Pure: pods and budgets in, refusals out, in budget order.
 */
export function refusingBudgets(
  node: string,
  pods: readonly DrainPod[],
  pdbs: readonly DrainPdb[],
): RefusingBudget[] {
  const plan = planNode(node, pods, { daemonSets: new Set(), pdbs }, BUDGETS_ONLY);
  const by = new Map<string, string[]>();
  for (const b of plan.blocked) {
    if (b.cause !== 'pdb' && b.cause !== 'several-pdbs') continue;
    for (const name of b.pdbs ?? []) {
      const key = `${b.pod.namespace}/${name}`;
      by.set(key, [...(by.get(key) ?? []), `${b.pod.namespace}/${b.pod.name}`]);
    }
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([pdb, refused]) => ({ pdb, pods: refused }));
}
