import type { ImagePool } from './facts.js';

// AKS node image versions are `<image name>-<dotted numbers>`: `AKSUbuntu-2204gen2containerd-
// 202409.09.0`, `AKSWindows-2022-containerd-20348.2700.240911`, or the old `AKSUbuntu:1604:
// 2020.03.11`. The numbers grow with each release, so two versions of one image are ordered by
// them as numbers (`202410.1.0` is newer than `202409.09.0`, which text order gets wrong). AKS
// itself offers a node image upgrade when the latest differs from the pool's (agent pool upgrade
// profile), and the latest it reports can lag a release: a pool newer than "latest" is not behind.
// On the SecurityPatch node OS channel a node's label adds the security patch it got after the
// base image (auto-upgrade-node-os-image FAQ): `AKSUbuntu-2204gen2containerd-202410.27.0-
// 2024.12.01` is base `…-202410.27.0` with patch 2024.12.01, so bases are compared first, then the
// patches (a base without a patch is older than the same base patched).

/** A node image version's parts: image name, release numbers, and security patch date if any. */
interface ImageParts {
  image: string;
  numbers: number[];
  /** `[2024, 12, 1]` for a `-2024.12.01` SecurityPatch suffix; empty without one. */
  patch: number[];
}

/** A node image version split into its image name, release numbers and patch; undefined if not so. */
function partsOf(version: string): ImageParts | undefined {
  const text = version.trim();
  // The base's release numbers have dots (`202410.27.0`), so `-YYYY.MM.DD` after them is a patch.
  const patched = /^(.*[-:])(\d+(?:\.\d+)+)-(\d{4}\.\d{2}\.\d{2})$/.exec(text);
  const m = patched ?? /^(.*[-:])(\d+(?:\.\d+)*)$/.exec(text);
  if (!m) return undefined;
  return {
    image: m[1]!.toLowerCase(),
    numbers: m[2]!.split('.').map(Number),
    patch: patched ? patched[3]!.split('.').map(Number) : [],
  };
}

/** Orders two number lists element by element (missing ones as 0). */
function compareNumbers(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The base image of a node image label: without its SecurityPatch suffix, if it has one. */
export function baseImageOf(version: string): string {
  const text = version.trim();
  return /^(.*[-:]\d+(?:\.\d+)+)-\d{4}\.\d{2}\.\d{2}$/.exec(text)?.[1] ?? text;
}

/**
 * Orders two node image versions of the same image, base first, then security patch (negative
 * when `a` is older); undefined when
 * they are of different images or not in AKS's form, so no order between them can be told.
 */
export function compareImageVersions(a: string, b: string): number | undefined {
  const x = partsOf(a);
  const y = partsOf(b);
  if (!x || !y || x.image !== y.image) return undefined;
  return compareNumbers(x.numbers, y.numbers) || compareNumbers(x.patch, y.patch);
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
