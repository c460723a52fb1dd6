import { sameArmValue } from '../../checks/arm-enums.js';
import {
  progressOf,
  type AksDrainRules,
  type NodeRow,
  type Rotation,
  type RotationEstimate,
  type Stall,
} from './state.js';

/** AKS's default drain timeout per node, in minutes (upgradeSettings.drainTimeoutInMinutes). */
export const AKS_DRAIN_TIMEOUT_MINUTES = 30;

/** A pool's drain rules from its `upgradeSettings`, AKS's defaults where unset. */
export function drainRulesOf(
  settings: { drainTimeoutInMinutes?: number; undrainableNodeBehavior?: string } | undefined,
  timeScale?: number,
): AksDrainRules {
  return {
    drainTimeoutMinutes: settings?.drainTimeoutInMinutes ?? AKS_DRAIN_TIMEOUT_MINUTES,
    // ARM matches enum values without regard to case: `cordon` quarantines as `Cordon` does.
    undrainable: sameArmValue(settings?.undrainableNodeBehavior, 'Cordon') ? 'Cordon' : 'Schedule',
    ...(timeScale !== undefined && timeScale !== 1 ? { timeScale } : {}),
  };
}

/** AKS's drain timeout per node in wall-clock ms (a simulated AKS's runs out sooner). */
export function drainTimeoutMs(rules: AksDrainRules): number {
  return (rules.drainTimeoutMinutes * 60_000) / (rules.timeScale ?? 1);
}

/**
 * Time left, estimated from completed nodes only: the average time per completed node (from the
 * start to the latest completion) times the nodes remaining. Undefined before the first node
 * completes, and once the operation ended. It changes when a node completes, never with the clock.
 */
export function timeLeft(r: Rotation): number | undefined {
  if (r.status !== 'running') return undefined;
  const { done, total } = progressOf(r);
  const completions = r.rows
    .filter((row) => !row.surge && row.phase === 'replaced' && row.doneAt !== undefined)
    .map((row) => row.doneAt!);
  if (done === 0 || completions.length === 0) return undefined;
  const perNode = (Math.max(...completions) - r.startedAt) / completions.length;
  return Math.round(perNode * (total - done));
}

/** Elapsed time, and the estimate of what is left (undefined: unknown). */
export function timing(r: Rotation): { elapsedMs: number; remainingMs?: number } {
  const elapsedMs = Math.max(0, r.now - r.startedAt);
  const remainingMs = timeLeft(r);
  return remainingMs === undefined ? { elapsedMs } : { elapsedMs, remainingMs };
}

/** What AKS does with a node it could not drain in time, per `undrainableNodeBehavior`. */
export function afterTimeout(rules: AksDrainRules): string {
  return rules.undrainable === 'Cordon'
    ? 'AKS then leaves the node cordoned and labelled Quarantined, keeps a surge node in its place, and ends the upgrade Failed (Canceled when it runs out of surge nodes to stand in for blocked ones)'
    : 'AKS then makes the node schedulable again without upgrading it, removes the surge nodes, and ends the upgrade Failed';
}

function stallOf(row: NodeRow, rules: AksDrainRules, now: number): Stall | undefined {
  if (row.phase !== 'draining' || row.drainingSince === undefined) return undefined;
  const deadline = row.drainingSince + drainTimeoutMs(rules);
  return {
    node: row.name,
    budgets: row.blockedBy ?? [],
    pods: row.waitingFor ?? [],
    givesUpInMs: Math.max(0, deadline - now),
    then: afterTimeout(rules),
  };
}

/**
 * The nodes of a running rotation AKS is draining, each with the budgets refusing it and the
 * countdown to AKS's drain timeout (derived from when the node was seen cordoned). Pure.
 */
export function stallsOf(r: Rotation): Stall[] {
  if (r.status !== 'running' || !r.drain) return [];
  const rules = r.drain;
  return r.rows.flatMap((row) => stallOf(row, rules, r.now) ?? []);
}

/** The rotation with its estimate as of its `now`: what the screen shows besides the rows. */
export function estimated(r: Rotation): Rotation {
  const estimate: RotationEstimate = { ...timing(r), stalls: stallsOf(r) };
  return { ...r, estimate };
}
