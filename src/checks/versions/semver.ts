// The two functions, not the package's index: it loads the range code too, and this module is
// loaded by every start (argument parsing checks --where), before the first frame.
import compare from 'semver/functions/compare.js';
import parse from 'semver/functions/parse.js';
import type SemVer from 'semver/classes/semver.js';

/**
 * A Kubernetes version as semver: `1.31.8`, `v1.31.8`, or a minor alone (`1.31`, read as
 * `1.31.0`); null for anything else.
 */
function parsed(v: string): SemVer | null {
  const text = v.trim();
  return parse(/^v?\d+\.\d+$/.test(text) ? `${text}.0` : text);
}

/** `1.31.8` as numbers; undefined for anything else. */
export function parseVersion(v: string): [number, number, number] | undefined {
  const p = parsed(v);
  return p ? [p.major, p.minor, p.patch] : undefined;
}

/** Orders two versions, oldest first (negative when a < b). */
export function compareVersions(a: string, b: string): number {
  const x = parsed(a);
  const y = parsed(b);
  if (!x || !y) return a.localeCompare(b);
  return compare(x, y);
}

/** `1.31.8` → `1.31`. */
export function minorOf(v: string): string {
  const p = parsed(v);
  return p ? `${p.major}.${p.minor}` : v;
}

/** How many minors `to` is ahead of `from` (negative when behind). */
export function minorDistance(from: string, to: string): number {
  const a = parsed(from);
  const b = parsed(to);
  if (!a || !b) return 0;
  return (b.major - a.major) * 100 + (b.minor - a.minor);
}
