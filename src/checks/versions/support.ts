import type { RegionMinor } from './facts.js';
import { compareVersions, minorOf } from './semver.js';

/**
 * The minors AKS supports now: the newest generally available minor and the two before it (N-2).
 * Preview minors do not count; LTS minors older than that are supported only on the LTS plan.
 */
export function supportedMinors(region: readonly RegionMinor[]): string[] {
  const ga = region
    .filter((m) => !m.isPreview)
    .map((m) => m.minor)
    .sort((a, b) => compareVersions(`${b}.0`, `${a}.0`));
  return ga.slice(0, 3);
}

/** Whether a version's minor is in the N-2 window, on the LTS plan only, or out of support. */
export function supportOf(
  region: readonly RegionMinor[],
  version: string,
): 'supported' | 'lts-only' | 'unsupported' {
  const minor = minorOf(version);
  if (supportedMinors(region).includes(minor)) return 'supported';
  if (region.some((m) => m.minor === minor && m.lts)) return 'lts-only';
  return 'unsupported';
}
