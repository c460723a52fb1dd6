import { selectorMatches } from '../label-selector.js';
import type { DrainOptions, DrainPdb, DrainPod, NodePlan, PodVerdict } from '../../model/drain.js';
import { plural } from '../../model/plural.js';

/** What, besides its pods, decides a node's plan. */
export interface DrainWorld {
  /** `namespace/name` of every DaemonSet that exists. */
  daemonSets: ReadonlySet<string>;
  pdbs: readonly DrainPdb[];
}

const finished = (pod: Pick<DrainPod, 'phase'>) =>
  pod.phase === 'Succeeded' || pod.phase === 'Failed';
const ref = (pod: DrainPod) => `${pod.namespace}/${pod.name}`;

/**
 * Decides one pod by kubectl drain's filters, in kubectl's order (DaemonSet, mirror, local
 * storage, controller), then by its PodDisruptionBudgets. A finished (Succeeded/Failed) pod passes
 * every filter but the mirror one, as in kubectl, and the eviction API deletes it without asking
 * a budget, so it is evicted. `budget` counts the disruptions still
 * left per PDB on this node and is used up as pods are planned.
 */
export function classifyPod(
  pod: DrainPod,
  world: DrainWorld,
  options: DrainOptions,
  budget: Map<string, number>,
): PodVerdict {
  const done = finished(pod);
  const warnings: string[] = [];
  if (pod.controller?.kind === 'DaemonSet' && !done) {
    const exists = world.daemonSets.has(`${pod.namespace}/${pod.controller.name}`);
    if (exists) {
      return options.ignoreDaemonSets
        ? { kind: 'skip', pod, reason: `DaemonSet-managed (${pod.controller.name})` }
        : {
            kind: 'blocked',
            pod,
            cause: 'daemonset',
            reason: 'DaemonSet-managed: turn on "ignore DaemonSets"',
          };
    }
    if (!options.force) {
      return {
        kind: 'blocked',
        pod,
        cause: 'daemonset-missing',
        reason: `its DaemonSet ${pod.controller.name} is gone: only "force" evicts it`,
      };
    }
    warnings.push(`its DaemonSet ${pod.controller.name} is gone; nothing recreates it`);
  }
  if (pod.mirror) return { kind: 'skip', pod, reason: 'mirror pod (static, kubelet-managed)' };
  if (pod.emptyDir && !done) {
    if (!options.deleteEmptyDirData) {
      return {
        kind: 'blocked',
        pod,
        cause: 'emptydir',
        reason: 'keeps data in emptyDir: turn on "delete emptyDir data"',
      };
    }
    warnings.push('its emptyDir data is deleted');
  }
  if (!pod.controller && !done) {
    if (!options.force) {
      return {
        kind: 'blocked',
        pod,
        cause: 'unreplicated',
        reason: 'no controller recreates it: only "force" evicts it',
      };
    }
    warnings.push('no controller recreates it');
  }
  const warning = warnings.length > 0 ? warnings.join('; ') : undefined;
  const withWarning = (extra: Partial<{ warning: string; pdb: string }> = {}): PodVerdict => {
    const text = [warning, extra.warning].filter(Boolean).join('; ');
    return {
      kind: 'evict',
      pod,
      ...(text ? { warning: text } : {}),
      ...(extra.pdb ? { pdb: extra.pdb } : {}),
    };
  };
  // The eviction API deletes a finished pod before it looks for budgets: none can refuse it.
  if (done) return withWarning();
  const pdbs = budgetsOf(pod, world.pdbs);
  if (pdbs.length === 0) return withWarning();
  const names = pdbs.map((p) => p.name);
  if (options.disableEviction) {
    return withWarning({ warning: `deleted directly: PDB ${names.join(', ')} bypassed` });
  }
  // The eviction API deletes a Pending or terminating pod before it looks for budgets at all,
  // so even a pod under several budgets goes.
  if (pod.phase === 'Pending' || pod.terminating) return withWarning({ pdb: names.join(', ') });
  if (pdbs.length > 1) {
    return {
      kind: 'blocked',
      pod,
      cause: 'several-pdbs',
      pdbs: names,
      reason: `covered by ${pdbs.length} PDBs (${names.join(', ')}): the eviction API refuses such pods`,
    };
  }
  const pdb = pdbs[0]!;
  if (unreadyGoesFree(pod, pdb)) return withWarning({ pdb: pdb.name });
  const key = `${pdb.namespace}/${pdb.name}`;
  const left = budget.get(key) ?? pdb.disruptionsAllowed;
  if (left > 0) {
    budget.set(key, left - 1);
    return withWarning({ pdb: pdb.name });
  }
  return {
    kind: 'blocked',
    pod,
    cause: 'pdb',
    pdbs: [pdb.name],
    reason: pdb.statusBehind
      ? `waits on PDB ${pdb.name}: its status is not current yet, and the eviction API refuses until the disruption controller catches up`
      : pdb.disruptionsAllowed > 0
        ? `waits on PDB ${pdb.name}: its ${plural(pdb.disruptionsAllowed, 'allowed disruption')} ${pdb.disruptionsAllowed === 1 ? 'goes' : 'go'} to pods evicted before it (on this node or another drained at the same time)`
        : `waits on PDB ${pdb.name}: no disruption allowed (needs ${pdb.desiredHealthy} healthy, has ${pdb.currentHealthy})`,
  };
}

/** The PodDisruptionBudgets that select a pod, as the eviction API finds them. */
export function budgetsOf(
  pod: Pick<DrainPod, 'namespace' | 'labels'>,
  pdbs: readonly DrainPdb[],
): DrainPdb[] {
  // A PDB without a selector selects no pod (policy/v1); `{}` selects every pod of its namespace.
  return pdbs.filter(
    (p) =>
      p.namespace === pod.namespace &&
      p.selector !== undefined &&
      selectorMatches(p.selector, pod.labels),
  );
}

/**
 * Whether the eviction API lets an unready pod go without using its (only) budget: always when
 * the budget's unhealthyPodEvictionPolicy is AlwaysAllow, and by default (IfHealthyBudget) while
 * the budget is otherwise healthy.
 */
export function unreadyGoesFree(
  pod: Pick<DrainPod, 'ready'>,
  pdb: Pick<DrainPdb, 'unhealthyPodEvictionPolicy' | 'currentHealthy' | 'desiredHealthy'>,
): boolean {
  return (
    !pod.ready &&
    (pdb.unhealthyPodEvictionPolicy === 'AlwaysAllow' ||
      (pdb.desiredHealthy > 0 && pdb.currentHealthy >= pdb.desiredHealthy))
  );
}

/**
 * Whether a budget can hold up evicting the pod at all: not when the pod is Pending, Succeeded,
 * Failed or terminating (the eviction API deletes those before budgets are asked: canIgnorePDB),
 * nor when it is unready and goes free.
 */
export function budgetCanRefuse(
  pod: Pick<DrainPod, 'phase' | 'terminating' | 'ready'>,
  pdb: Pick<DrainPdb, 'unhealthyPodEvictionPolicy' | 'currentHealthy' | 'desiredHealthy'>,
): boolean {
  return (
    pod.phase !== 'Pending' && !finished(pod) && !pod.terminating && !unreadyGoesFree(pod, pdb)
  );
}

/**
 * The preview of one node: each pod evicted, skipped or blocked, and whether it can be drained.
 * `budget` is the allowance left per PDB; nodes drained at the same time pass the same map.
 */
export function planNode(
  node: string,
  pods: readonly DrainPod[],
  world: DrainWorld,
  options: DrainOptions,
  budget: Map<string, number> = new Map(),
): NodePlan {
  const plan: NodePlan = { node, evict: [], skip: [], blocked: [], drainable: true };
  const ordered = [...pods].sort((a, b) => ref(a).localeCompare(ref(b)));
  for (const pod of ordered) {
    const verdict = classifyPod(pod, world, options, budget);
    if (verdict.kind === 'evict') plan.evict.push(verdict);
    else if (verdict.kind === 'skip') plan.skip.push(verdict);
    else {
      plan.blocked.push(verdict);
      if (verdict.cause !== 'pdb') plan.drainable = false;
    }
  }
  return plan;
}

/**
 * The previews of nodes drained in order, `options.batchSize` at a time. The nodes of one batch
 * are drained at once, so they share each budget's allowance: the eviction API grants
 * disruptionsAllowed evictions and refuses the next with 429 until a replacement is Ready, on
 * whichever node it is. A later batch starts after the earlier one drained and is planned afresh.
 */
export function planBatches(
  nodes: readonly string[],
  podsByNode: Readonly<Record<string, readonly DrainPod[]>>,
  world: DrainWorld,
  options: DrainOptions,
): Record<string, NodePlan> {
  const plans: Record<string, NodePlan> = {};
  const size = Math.max(1, options.batchSize);
  for (let start = 0; start < nodes.length; start += size) {
    const budget = new Map<string, number>();
    for (const node of nodes.slice(start, start + size)) {
      plans[node] = planNode(node, podsByNode[node] ?? [], world, options, budget);
    }
  }
  return plans;
}

/** The pods a drain acts on: those to evict and those that wait on a PDB (they may clear). */
export function podsToMove(plan: NodePlan): DrainPod[] {
  return [...plan.evict, ...plan.blocked.filter((b) => b.cause === 'pdb')].map((v) => v.pod);
}
