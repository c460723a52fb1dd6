import type { PoolUpgradeSettings } from '../../checks/versions/facts.js';
import type { PoolBlocker } from '../../checks/versions/pool-blockers.js';
import { afterTimeout, AKS_DRAIN_TIMEOUT_MINUTES, drainRulesOf } from '../rotation/estimate.js';
import { plural } from '../../model/plural.js';

// The upgrade confirmations' section on drains: which budgets are predicted to hold it up, and
// what AKS does about a node it cannot drain. Its own section (the target's API breakage is another).

function blockerLine(b: PoolBlocker): string {
  const who = b.workloads.length ? ` (${b.workloads.join(', ')})` : '';
  if (b.refused)
    return `  • PDB ${b.pdb}${who} has maxUnavailable 0: AKS refuses to start the upgrade while it exists (UnsatisfiablePDB)`;
  if (b.shared)
    return `  • PDBs ${b.pdb}${who} all select ${plural(b.podsInPool, 'pod')} on this pool: the eviction API refuses a pod under two budgets`;
  if (b.notCurrent)
    return `  • PDB ${b.pdb}${who}: its status is not current yet (the disruption controller has not caught up with its latest spec): the eviction API refuses its ${plural(b.podsInPool, 'pod')} on this pool until it does`;
  return b.verdict === 'blocks'
    ? `  • PDB ${b.pdb}${who} allows 0 disruptions: AKS cannot evict its ${plural(b.podsInPool, 'pod')} on this pool`
    : `  • PDB ${b.pdb}${who} allows ${b.allowed}, a batch of nodes holds ${b.atOnce} of its pods: drains wait for replacements`;
}

/** What AKS does with a node it cannot drain, from the pool's settings (defaults named as such). */
export function aksDrainLine(settings: PoolUpgradeSettings): string {
  const rules = drainRulesOf(settings);
  const timeout =
    settings.drainTimeoutInMinutes === undefined
      ? `${AKS_DRAIN_TIMEOUT_MINUTES} min (drainTimeoutInMinutes unset: AKS default)`
      : `${rules.drainTimeoutMinutes} min (drainTimeoutInMinutes)`;
  const behaviour =
    settings.undrainableNodeBehavior === undefined
      ? 'Schedule (unset: AKS default)'
      : rules.undrainable;
  return `AKS tries to drain each node for up to ${timeout}; undrainableNodeBehavior ${behaviour}: ${afterTimeout(rules)}.`;
}

/** A running pod as the grace-period check needs it. */
export interface GracePod {
  namespace: string;
  name: string;
  node: string;
  /** terminationGracePeriodSeconds (30 when unset, the Kubernetes default). */
  graceSeconds: number;
}

/**
 * Lines naming the pods on `poolNodes` whose termination grace period is longer than the pool's
 * drain timeout: AKS stops the upgrade when pods are still there after the timeout, and such a pod
 * may take its whole grace period to stop.
 */
export function graceBeyondTimeoutLines(
  settings: PoolUpgradeSettings,
  pods: readonly GracePod[],
  poolNodes: ReadonlySet<string>,
): string[] {
  const minutes = drainRulesOf(settings).drainTimeoutMinutes;
  const long = pods.filter((p) => poolNodes.has(p.node) && p.graceSeconds > minutes * 60);
  if (long.length === 0) return [];
  return [
    `Predicted to outlast the ${minutes}-minute drain timeout (terminationGracePeriodSeconds longer than it; AKS stops the upgrade if pods are still running then):`,
    ...long.map(
      (p) =>
        `  • pod ${p.namespace}/${p.name} on ${p.node}: grace period ${p.graceSeconds}s (${Math.ceil(p.graceSeconds / 60)} min)`,
    ),
  ];
}

/** The line saying the budgets' verdict is unknown, when what it needs could not be read. */
function unreadLine(unread: readonly string[], which: string): string {
  return `Which PodDisruptionBudgets would hold ${which} is not known: ${unread.join(' and ')} could not be read (forbidden).`;
}

/**
 * The pool upgrade confirmation's lines on drains. `unread` names what the look could not read
 * (budgets, nodes): then the absence of blockers is no prediction, and it says so.
 */
export function poolDrainLines(
  settings: PoolUpgradeSettings,
  blockers: PoolBlocker[],
  unread: readonly string[] = [],
): string[] {
  if (unread.length > 0) {
    const known = blockers.length
      ? [
          'Known to hold it (PodDisruptionBudgets, as of the last look):',
          ...blockers.map(blockerLine),
        ]
      : [];
    return [unreadLine(unread, "this pool's drains"), ...known, aksDrainLine(settings)];
  }
  const head = blockers.some((b) => b.verdict === 'blocks')
    ? 'Predicted to block this upgrade (PodDisruptionBudgets, as of the last look):'
    : 'Predicted to slow this upgrade (PodDisruptionBudgets, as of the last look):';
  return [
    ...(blockers.length
      ? [head, ...blockers.map(blockerLine)]
      : ['No PodDisruptionBudget is predicted to block draining this pool (as of the last look).']),
    aksDrainLine(settings),
  ];
}

/** The control-plane confirmation's line on the pool upgrades that follow it. */
export function poolsAfterLines(
  blocked: Array<{ pool: string; blockers: PoolBlocker[] }>,
  unread: readonly string[] = [],
): string[] {
  const held = blocked.filter((p) => p.blockers.some((b) => b.verdict === 'blocks'));
  const unknown = unread.length > 0 ? [unreadLine(unread, 'the pool upgrades after this one')] : [];
  if (held.length === 0) return unknown;
  return [
    ...unknown,
    'The pool upgrades after this one are predicted to be blocked by:',
    ...held.map(
      (p) =>
        `  • pool ${p.pool}: ${p.blockers
          .filter((b) => b.verdict === 'blocks')
          .map((b) =>
            b.refused
              ? `PDB ${b.pdb} (maxUnavailable 0: AKS refuses the upgrade, UnsatisfiablePDB)`
              : b.shared
                ? `PDBs ${b.pdb} (select the same pod)`
                : b.notCurrent
                  ? `PDB ${b.pdb} (status not current yet)`
                  : `PDB ${b.pdb} (allows 0 disruptions)`,
          )
          .join(', ')}`,
    ),
  ];
}
