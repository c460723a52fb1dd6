import type { PoolUpgradeSettings } from './facts.js';
import { plural } from '../../model/plural.js';
import { sameArmValue } from '../arm-enums.js';

// How many nodes AKS cordons and drains at once in a pool upgrade, per the AKS rolling upgrade
// article: with maxSurge > 0 it adds that many surge nodes and drains as many old nodes at once;
// with maxSurge 0 it upgrades in place, maxUnavailable nodes at a time, adding none. With both
// above 0 the surge is tried first; only when surge capacity runs out (after a surge of 1 on
// 1.35+) does it fall back to in place with maxUnavailable. Both are capped at the pool's nodes.
// A Spot pool is the exception (spot-node-pool article, "Upgrade a Spot node pool"): AKS adds no
// surge node and applies no drain, only a cordon and an eviction notice, so it is upgraded in
// place and its PodDisruptionBudgets are not honoured.

/** Whether the pool runs Spot VMs (`scaleSetPriority` Spot, however ARM cases it). */
export function isSpotPool(settings: Pick<PoolUpgradeSettings, 'scaleSetPriority'>): boolean {
  return sameArmValue(settings.scaleSetPriority, 'Spot');
}

/** A pool's upgrade batch: surge nodes or in place, and the fallback batch when both are set. */
export interface UpgradeBatch {
  mode: 'surge' | 'in-place';
  /** Old nodes drained at once on the planned path, at least 1. */
  nodes: number;
  /** With maxSurge and maxUnavailable both > 0: nodes drained at once if AKS falls back in place. */
  fallbackInPlace?: number;
  /** A Spot pool: cordoned and given an eviction notice, never drained (budgets not honoured). */
  noDrain?: true;
}

/** A node count given as `5` or `33%` of `count` (rounded up, as AKS does); 0 when unreadable. */
function nodeCount(value: string, count: number): number {
  const raw = value.trim();
  // Multiply before dividing: (55 / 100) * 100 is 55.00000000000001 in floating point, which
  // rounds up to 56.
  const n = raw.endsWith('%') ? Math.ceil((Number(raw.slice(0, -1)) * count) / 100) : Number(raw);
  return Number.isFinite(n) && n > 0 ? Math.min(n, Math.max(count, 1)) : 0;
}

/** The batch AKS upgrades `count` nodes in, from the pool's settings (maxSurge default 10%). */
export function upgradeBatch(
  settings: Pick<PoolUpgradeSettings, 'maxSurge' | 'maxUnavailable' | 'scaleSetPriority'>,
  count: number,
): UpgradeBatch {
  // An empty value is an unset one (ARM: maxSurge defaults to 10%, maxUnavailable to 0).
  const surge = nodeCount(settings.maxSurge?.trim() || '10%', count);
  const unavailable = nodeCount(settings.maxUnavailable?.trim() || '0', count);
  // The article names no batch size for Spot: at least one node, maxUnavailable when larger.
  if (isSpotPool(settings))
    return { mode: 'in-place', nodes: Math.max(1, unavailable), noDrain: true };
  // maxSurge 0 with maxUnavailable 0 is refused by AKS; 1 keeps the prediction conservative.
  if (surge === 0) return { mode: 'in-place', nodes: Math.max(1, unavailable) };
  return unavailable > 0
    ? { mode: 'surge', nodes: surge, fallbackInPlace: unavailable }
    : { mode: 'surge', nodes: surge };
}

/**
 * The most nodes AKS may drain at once in this pool: the planned batch, or the in-place fallback
 * when that is larger (maxSurge 1 with maxUnavailable 3 can take 3 at once when no surge VM can
 * be had). A prediction that a budget is safe must hold for both paths.
 */
export function largestBatch(b: UpgradeBatch): number {
  return Math.max(b.nodes, b.fallbackInPlace ?? 0);
}

/** The settings that size the batch, as shown to the operator (defaults named as such). */
export function batchSettingsText(
  settings: Pick<PoolUpgradeSettings, 'maxSurge' | 'maxUnavailable'>,
): string {
  const surge = `maxSurge ${settings.maxSurge?.trim() || '10% (AKS default)'}`;
  return settings.maxUnavailable?.trim()
    ? `${surge}, maxUnavailable ${settings.maxUnavailable.trim()}`
    : surge;
}

/** One phrase on how the pool's nodes are taken, e.g. `4 surge nodes, 4 nodes drained at a time`. */
export function batchText(b: UpgradeBatch): string {
  if (b.noDrain)
    return `in place, no surge nodes (Spot pool): ${plural(b.nodes, 'node')} at a time cordoned and its pods sent an eviction notice, with no drain, so PodDisruptionBudgets are not honoured`;
  if (b.mode === 'in-place') {
    return `in place, no surge nodes: ${plural(b.nodes, 'node')} cordoned and drained at a time`;
  }
  const fallback =
    b.fallbackInPlace !== undefined
      ? `; if surge capacity runs out, in place with ${plural(b.fallbackInPlace, 'node')} at a time`
      : '';
  return `${plural(b.nodes, 'surge node')}, ${plural(b.nodes, 'node')} drained at a time${fallback}`;
}

/**
 * The most pods of one PDB that a single drain batch of `batch` nodes could evict at once
 * (`podNodes`: the node of each of its pods).
 */
export function worstBatch(podNodes: readonly string[], batch: number): number {
  const perNode = new Map<string, number>();
  for (const n of podNodes) perNode.set(n, (perNode.get(n) ?? 0) + 1);
  return [...perNode.values()]
    .sort((a, b) => b - a)
    .slice(0, batch)
    .reduce((s, v) => s + v, 0);
}
