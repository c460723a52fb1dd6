import { sameArmValue } from '../arm-enums.js';
import type { PoolVersionFacts } from './facts.js';

/**
 * The pools AKS may roll along with a control-plane-only upgrade: those whose last operation
 * Failed, or whose nodes run another version than the pool is set to (upgrade-aks-control-plane
 * FAQ: "typically occurs when a previous node upgrade failed or left nodes on mixed versions").
 */
export function poolsAksMayRoll(pools: readonly PoolVersionFacts[]): string[] {
  return pools
    .filter((p) => sameArmValue(p.provisioningState, 'Failed') || p.version !== p.current)
    .map((p) => p.name);
}
