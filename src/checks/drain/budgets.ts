import type { DrainPdb, DrainPod, NodePlan } from '../../model/drain.js';
import { budgetCanRefuse, budgetsOf, planNode } from './plan.js';

/** Options under which only PodDisruptionBudgets decide (AKS's drain evicts every other pod). */
const BUDGETS_ONLY = {
  ignoreDaemonSets: true,
  deleteEmptyDirData: true,
  force: true,
  timeoutSeconds: 0,
  disableEviction: false,
  batchSize: 1,
};

/** What budgets are judged against: the budgets, and the DaemonSets when they were read. */
export interface BudgetWorld {
  pdbs: readonly DrainPdb[];
  /**
   * `namespace/name` of every DaemonSet that exists. Undefined when unread: a drain leaves a
   * DaemonSet's pods in place and forces out those whose DaemonSet is gone, so which one a pod
   * is cannot be told, and DaemonSet pods are left out rather than taken as orphans.
   */
  daemonSets?: ReadonlySet<string>;
}

/**
 * The node's plan as the PodDisruptionBudgets alone decide it: every pod a drain could evict once
 * the operator allows emptyDir data loss and forced deletes (as AKS's own drain does) meets its
 * budgets, so a budget that refuses such a pod is not hidden behind the flag question. DaemonSet
 * and mirror pods, which a drain leaves, are skipped; finished pods, which no budget holds, are
 * left out.
 */
export function budgetPlan(node: string, pods: readonly DrainPod[], world: BudgetWorld): NodePlan {
  const known = world.daemonSets;
  // A finished pod is evicted without asking any budget (and goes at once): it holds no drain.
  const running = pods.filter((p) => p.phase !== 'Succeeded' && p.phase !== 'Failed');
  const judged = known ? running : running.filter((p) => p.controller?.kind !== 'DaemonSet');
  return planNode(node, judged, { pdbs: world.pdbs, daemonSets: known ?? new Set() }, BUDGETS_ONLY);
}

/**
 * The pods a drain still has to move off a node, as AKS's own drain decides (forced, DaemonSets
 * ignored, emptyDir data deleted): all but finished, mirror and DaemonSet-managed pods. A pod
 * whose DaemonSet is gone is no longer DaemonSet-managed: the drain evicts it, and a budget can
 * hold it there. `daemonSets` as in `BudgetWorld` (unread: DaemonSet pods are left out). Pure.
 */
export function podsLeftToEvict(
  pods: readonly DrainPod[],
  daemonSets?: ReadonlySet<string>,
): DrainPod[] {
  const plan = budgetPlan('', pods, { pdbs: [], ...(daemonSets ? { daemonSets } : {}) });
  const left = new Set([...plan.evict, ...plan.blocked].map((v) => v.pod));
  return pods.filter((p) => left.has(p));
}

// Per budget list (one per look, asked for every node): the namespaces where a budget selects.
const budgetNamespaces = new WeakMap<readonly DrainPdb[], ReadonlySet<string>>();

/**
 * `budgetPlan(node, pods, world).blocked`, judging only the pods of namespaces where some budget
 * has a selector: under the budgets-only options nothing but a covering budget blocks a pod, and a
 * pod no budget covers neither uses up a budget nor is blocked, so leaving it out changes no other
 * verdict nor their order. On a cluster with budgets in few namespaces (or none) most nodes have
 * nothing to judge.
 */
export function budgetBlocked(
  node: string,
  pods: readonly DrainPod[],
  world: BudgetWorld,
): NodePlan['blocked'] {
  let namespaces = budgetNamespaces.get(world.pdbs);
  if (!namespaces) {
    namespaces = new Set(
      world.pdbs.filter((p) => p.selector !== undefined).map((p) => p.namespace),
    );
    budgetNamespaces.set(world.pdbs, namespaces);
  }
  const judged = pods.filter((pod) => namespaces.has(pod.namespace));
  return judged.length === 0 ? [] : budgetPlan(node, judged, world).blocked;
}

/** A pod a drain evicts that its budgets can refuse. */
export interface BudgetHold {
  pod: DrainPod;
  /**
   * The budgets covering it: one (it waits while that budget allows no more disruptions), or
   * several (the eviction API refuses it outright, HTTP 500, whatever they allow).
   */
  pdbs: string[];
}

/**
 * The pods a drain evicts that budgets can hold up, whatever the budgets allow now: not those a
 * drain leaves (DaemonSet, mirror, finished pods) nor those the eviction API lets go without asking
 * (Pending, terminating, unready under its budget's policy). Pure; in pod order.
 */
export function budgetHolds(pods: readonly DrainPod[], world: BudgetWorld): BudgetHold[] {
  const plan = budgetPlan('', pods, world);
  const out: BudgetHold[] = [];
  for (const verdict of [...plan.evict, ...plan.blocked]) {
    const covering = budgetsOf(verdict.pod, world.pdbs);
    const holds =
      covering.length > 1
        ? verdict.kind === 'blocked'
        : covering.length === 1 && budgetCanRefuse(verdict.pod, covering[0]!);
    if (holds) out.push({ pod: verdict.pod, pdbs: covering.map((p) => p.name) });
  }
  return out;
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
 * `daemonSets` as in `BudgetWorld` (unread: DaemonSet pods are left out). Pure: pods and budgets
 * in, refusals out, in budget order.
 */
export function refusingBudgets(
  node: string,
  pods: readonly DrainPod[],
  pdbs: readonly DrainPdb[],
  daemonSets?: ReadonlySet<string>,
): RefusingBudget[] {
  const plan = budgetPlan(node, pods, { pdbs, ...(daemonSets ? { daemonSets } : {}) });
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
