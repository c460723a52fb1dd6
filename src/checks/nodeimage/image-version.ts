import type { ImagePool } from './facts.js';

// AKS node image versions are `<image name>-<dotted numbers>`: `AKSUbuntu-2204gen2containerd-
// 202409.09.0`, `AKSWindows-2022-containerd-20348.2700.240911`, or the old `AKSUbuntu:1604:
// 2020.03.11`. The numbers grow with each release, so two versions of one image are ordered by
// them as numbers (`202410.1.0` is newer than `202409.09.0`, which text order gets wrong). AKS
// itself offers a node image upgrade when the latest differs from the pool's (agent pool upgrade
// profile), and the latest it reports can lag a release: a pool newer than "latest" is not behind.

/** A node image version split into its image name and its release numbers; undefined if not so. */
function partsOf(version: string): { image: string; numbers: number[] } | undefined {
  const m = /^(.*[-:])(\d+(?:\.\d+)*)$/.exec(version.trim());
  if (!m) return undefined;
  return { image: m[1]!.toLowerCase(), numbers: m[2]!.split('.').map(Number) };
}

/**
 * Orders two node image versions of the same image (negative when `a` is older); undefined when
 * they are of different images or not in AKS's form, so no order between them can be told.
 */
export function compareImageVersions(a: string, b: string): number | undefined {
  const x = partsOf(a);
  const y = partsOf(b);
  if (!x || !y || x.image !== y.image) return undefined;
  for (let i = 0; i < Math.max(x.numbers.length, y.numbers.length); i++) {
    const d = (x.numbers[i] ?? 0) - (y.numbers[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Where a pool's node image stands: `behind` the latest AKS offers, `current`, or `unknown` when
 * either version was not reported (never taken as up to date). Versions of different images (an
 * OS change) count as behind, as AKS offers the upgrade whenever the two differ.
 */
export function imageStatus(
  pool: Pick<ImagePool, 'nodeImageVersion' | 'latestNodeImageVersion'>,
): 'behind' | 'current' | 'unknown' {
  const has = pool.nodeImageVersion?.trim();
  const latest = pool.latestNodeImageVersion?.trim();
  if (!has || !latest) return 'unknown';
  if (has.toLowerCase() === latest.toLowerCase()) return 'current';
  const order = compareImageVersions(has, latest);
  return order === undefined || order < 0 ? 'behind' : 'current';
}
