import type { SupportStatus } from '../../model/inventory.js';
import { sameArmValue } from '../arm-enums.js';
import type { RegionMinor } from './facts.js';
import { compareVersions, minorOf, parseVersion } from './semver.js';

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

/**
 * Whether a version is supported: its minor in the N-2 window (or LTS only), and its patch one
 * the region still lists for that minor (AKS supports the two newest patches of a minor; a
 * version off the list is outside support). An unlisted patch older than the newest listed is
 * `unsupported`; with no patches listed for the minor, the minor's verdict stands.
 */
export function supportOf(region: readonly RegionMinor[], version: string): SupportStatus {
  const minor = minorSupportOf(region, version);
  if (minor === 'unknown' || minor === 'unsupported') return minor;
  return patchRetired(region, version) ? 'unsupported' : minor;
}

/**
 * Whether the region lists patches for `version`'s minor, not this one, and a newer one: the
 * patch was retired. A patch newer than every listed one is not judged (the list may lag).
 */
export function patchRetired(region: readonly RegionMinor[], version: string): boolean {
  const patches = region.find((m) => m.minor === minorOf(version))?.patches ?? [];
  if (patches.length === 0 || patches.includes(version)) return false;
  return patches.some((p) => parseVersion(p) && compareVersions(p, version) > 0);
}

/**
 * Whether a version's minor is in the N-2 window, on the LTS plan only, or out of support;
 * `unknown` when the version is not one, when the region listed no generally available minor (no
 * window to judge by: never taken as out of support, nor as in it), or when its minor is newer
 * than any the region lists (not past support; whether in it the list does not say).
 */
export function minorSupportOf(region: readonly RegionMinor[], version: string): SupportStatus {
  const minor = minorOf(version);
  const window = supportedMinors(region);
  if (!parseVersion(version) || window.length === 0) return 'unknown';
  if (window.includes(minor)) return 'supported';
  if (region.some((m) => m.minor === minor && m.lts)) return 'lts-only';
  // Newer than every minor the region lists: not past the window, and the list cannot say more.
  if (!region.some((m) => m.minor === minor) && compareVersions(version, `${window[0]}.0`) > 0)
    return 'unknown';
  return 'unsupported';
}

/** Whether the cluster's `supportPlan` is AKS Long Term Support (however ARM cases it). */
export function onLtsPlan(supportPlan: string | undefined): boolean {
  return sameArmValue(supportPlan, 'AKSLongTermSupport');
}

/**
 * Support of a version (or, `level` minor, of its minor alone) on this cluster: an LTS-only minor is supported when the cluster is on the
 * LTS plan (AKS long-term support: two years for LTS-eligible minors on Premium with that plan).
 */
export function clusterSupportOf(
  region: readonly RegionMinor[],
  version: string,
  supportPlan: string | undefined,
  level: 'patch' | 'minor' = 'patch',
): SupportStatus {
  const support = (level === 'minor' ? minorSupportOf : supportOf)(region, version);
  return support === 'lts-only' && onLtsPlan(supportPlan) ? 'supported' : support;
}
