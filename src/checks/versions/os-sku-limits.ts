import { minorOf } from './semver.js';
import type { PoolVersionFacts } from './facts.js';

/**
 * Windows Server releases AKS stops running from a Kubernetes minor on: Windows Server 2019 from
 * 1.33 (AKS Windows FAQ), Windows Server 2022 from 1.37 (AKS release notes 2026-06-19, which moved
 * its retirement from 1.35). A pool on one of them cannot follow the control plane past it.
 */
const WINDOWS_LIMITS: Record<string, { name: string; firstRefusedMinor: number }> = {
  windows2019: { name: 'Windows Server 2019', firstRefusedMinor: 33 },
  windows2022: { name: 'Windows Server 2022', firstRefusedMinor: 37 },
};

/** A pool whose OS cannot run `target`, with that OS's name and the first minor it cannot run. */
export interface PoolOsLimit {
  pool: string;
  os: string;
  firstRefused: string;
}

/** The pools whose OS SKU AKS does not run on the target's minor (none when the SKU is unknown). */
export function poolsOsRefuses(pools: readonly PoolVersionFacts[], target: string): PoolOsLimit[] {
  const [major, minor] = minorOf(target).split('.').map(Number);
  return pools.flatMap((p) => {
    const limit = p.osSKU ? WINDOWS_LIMITS[p.osSKU.toLowerCase()] : undefined;
    if (!limit || major !== 1 || (minor ?? 0) < limit.firstRefusedMinor) return [];
    return [{ pool: p.name, os: limit.name, firstRefused: `1.${limit.firstRefusedMinor}` }];
  });
}
