import type { ObjectRef } from '../model/finding.js';
import type { WaiverEntry } from './waiver-schema.js';

const DAY_MS = 86_400_000;

const STAR = null;

/** The pattern as characters and stars: `\*` is a literal `*`, `\\` a literal `\`; any other `\` is itself. */
function tokens(pattern: string): Array<string | typeof STAR> {
  const out: Array<string | typeof STAR> = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    const next = pattern[i + 1];
    if (c === '\\' && (next === '*' || next === '\\')) out.push(pattern[++i]!);
    else out.push(c === '*' ? STAR : c);
  }
  return out;
}

/** A pattern that fits exactly `value`, whatever `*` or `\` it holds. */
export function literalPattern(value: string): string {
  return value.replace(/[\\*]/g, '\\$&');
}

/**
 * Whether `value` fits `pattern`, where `*` stands for any run of characters (none included) and
 * `\*` for a `*` itself. Two pointers with one backtrack point (the last `*`): at most
 * pattern × value steps, however many stars; a regular expression took exponential time on
 * `**...*!` against a name.
 */
export function globMatch(pattern: string, value: string): boolean {
  const pat = tokens(pattern);
  let p = 0;
  let v = 0;
  let star = -1; // the pattern index after the last `*` seen
  let from = 0; // where that `*` started matching in the value
  while (v < value.length) {
    if (p < pat.length && pat[p] === STAR) {
      star = ++p;
      from = v;
    } else if (p < pat.length && pat[p] === value[v]) {
      p++;
      v++;
    } else if (star >= 0) {
      // The last `*` takes one more character; retry the rest after it.
      p = star;
      v = ++from;
    } else {
      return false;
    }
  }
  while (p < pat.length && pat[p] === STAR) p++;
  return p === pat.length;
}

/**
 * Whether a waiver's object match covers a finding's object. No match given: any object, or none.
 * A match given needs an object; a left-out field is `*`, and `*` also fits a cluster-wide
 * object's missing namespace.
 */
export function objectMatches(
  match: WaiverEntry['object'],
  object: ObjectRef | undefined,
): boolean {
  if (match === undefined) return true;
  if (object === undefined) return false;
  const fits = (p: string | undefined, v: string | undefined) =>
    p === undefined || p === '*' || (v !== undefined && globMatch(p, v));
  return (
    fits(match.kind, object.kind) &&
    fits(match.namespace, object.namespace) &&
    fits(match.name, object.name)
  );
}

/** Whether a waiver's cluster match covers a cluster: its name, or `resourceGroup/name` with a slash. */
export function clusterMatches(
  pattern: string | undefined,
  cluster: { name: string; resourceGroup?: string | undefined },
): boolean {
  if (pattern === undefined) return true;
  const value = pattern.includes('/')
    ? `${cluster.resourceGroup ?? ''}/${cluster.name}`
    : cluster.name;
  return globMatch(pattern, value);
}

/** Whether a waiver has run out: it holds through the whole of its `expires` day, in UTC. */
export function isExpired(expires: string, now: Date): boolean {
  return now.getTime() >= Date.parse(`${expires}T00:00:00Z`) + DAY_MS;
}

/** `YYYY-MM-DD` (UTC) `days` after `now`: the latest expiry a new waiver may have. */
export function dateAhead(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** `Kind/namespace/name` of a waiver's object match (`*` for what it leaves out). */
export function objectMatchText(match: WaiverEntry['object']): string {
  if (match === undefined) return '*';
  const ns = match.namespace !== undefined && match.namespace !== '*' ? `${match.namespace}/` : '';
  return `${match.kind ?? '*'}/${ns}${match.name ?? '*'}`;
}
