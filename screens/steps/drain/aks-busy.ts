import type { DrainState } from '../../../src/steps/drain/state.js';

/**
 * Why drain, cordon and uncordon of `names` are not offered because AKS rotates the pool of one of
 * them (a node image or version upgrade: AKS cordons, drains and uncordons those nodes itself
 * until it ends), or undefined. The one rule for the node table and the finished drain's keys.
 */
export function aksHoldsWhy(
  state: DrainState | undefined,
  names: readonly string[],
): string | undefined {
  const busy = state?.aksBusy;
  if (!busy) return undefined;
  const held = names.some((n) => state.nodes.find((x) => x.name === n)?.pool === busy.pool);
  return held ? busy.why : undefined;
}
