import type { KubernetesVersionSpec } from '../scenario/schema.js';

/** A parsed `major.minor.patch`. */
export interface Semver {
  major: number;
  minor: number;
  patch: number;
}

/** Parses `1.31.8` (a leading `v` is tolerated). */
export function parseVersion(v: string): Semver | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(v.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

/** Orders two versions (negative when a < b). */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return a.localeCompare(b);
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch;
}

/** Minor of a version string. */
export function minorOf(v: string): number {
  return parseVersion(v)?.minor ?? Number(v.split('.')[1] ?? 0);
}

/** Everything the region offers, oldest first. */
export function allPatches(versions: KubernetesVersionSpec[]): string[] {
  return versions.flatMap((v) => v.patches).sort(compareVersions);
}

/** Whether a patch belongs to a preview minor. */
export function isPreviewVersion(versions: KubernetesVersionSpec[], patch: string): boolean {
  return versions.some((v) => v.isPreview === true && v.patches.includes(patch));
}

/**
 * Where `from` may go: newer patches of its minor and any patch of the next minor. AKS forbids
 * skipping minors, except from a version the region no longer offers back to a supported one.
 */
export function upgradesFrom(versions: KubernetesVersionSpec[], from: string): string[] {
  const patches = allPatches(versions);
  const fromMinor = minorOf(from);
  const unsupported = !patches.includes(from);
  const supportedMinors = patches.map(minorOf);
  const lowest = Math.min(...supportedMinors);
  return patches.filter((p) => {
    if (compareVersions(p, from) <= 0) return false;
    const m = minorOf(p);
    if (unsupported && fromMinor < lowest) return m === lowest;
    return m === fromMinor || m === fromMinor + 1;
  });
}

/** The `{ kubernetesVersion, isPreview? }` list of an upgrade profile. */
export function upgradeList(
  versions: KubernetesVersionSpec[],
  from: string,
): Array<{ kubernetesVersion: string; isPreview?: boolean }> {
  return upgradesFrom(versions, from).map((v) =>
    isPreviewVersion(versions, v)
      ? { kubernetesVersion: v, isPreview: true }
      : { kubernetesVersion: v },
  );
}

/** `KubernetesVersionListResult` (`{ values: [...] }`) as `ListKubernetesVersions` returns it. */
export function kubernetesVersionList(versions: KubernetesVersionSpec[]): { values: unknown[] } {
  return {
    values: versions.map((v) => {
      const out: Record<string, unknown> = {
        capabilities: {
          supportPlan: v.lts
            ? ['KubernetesOfficial', 'AKSLongTermSupport']
            : ['KubernetesOfficial'],
        },
      };
      if (v.isDefault) out['isDefault'] = true;
      if (v.isPreview) out['isPreview'] = true;
      out['patchVersions'] = Object.fromEntries(
        v.patches.map((p) => [p, { upgrades: upgradesFrom(versions, p) }]),
      );
      out['version'] = v.version;
      return out;
    }),
  };
}
