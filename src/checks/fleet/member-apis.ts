import { API_REMOVALS, kindsToRead, REMOVALS_CHECKED_THROUGH } from '../versions/api-removals.js';
import { atOrBefore } from '../versions/deprecated-findings.js';
import type { ApiUse } from '../versions/deprecated-uses.js';
import { minorOf } from '../versions/semver.js';
import { brokenBy } from '../versions/target-breaks.js';

// Deprecated APIs in a fleet plan: which reads a member needs for a target (none when the target
// removes nothing after the member's minor) and what the uses found mean for it. Pure.

/** Whether upgrading `current` to `target` may remove an API: the table says so, or it ends before. */
export function mayRemoveApis(current: string, target: string): boolean {
  if (!atOrBefore(minorOf(target), REMOVALS_CHECKED_THROUGH)) return true;
  return API_REMOVALS.some(
    (r) => !atOrBefore(r.removedIn, current) && atOrBefore(r.removedIn, target),
  );
}

/** The stored kinds that upgrade removes an API of, each at a group/version the member serves. */
export function kindsRemovedBetween(
  served: readonly string[],
  current: string,
  target: string,
): Array<{ apiVersion: string; kind: string }> {
  const removed = new Set(
    API_REMOVALS.filter(
      (r) => !atOrBefore(r.removedIn, current) && atOrBefore(r.removedIn, target),
    ).map((r) => r.kind),
  );
  return kindsToRead(served).filter((k) => removed.has(k.kind));
}

/** One reason per API the target removes that the member still uses: where, and what to do. */
export function removedApiReasons(
  uses: readonly ApiUse[],
  current: string,
  target: string,
): string[] {
  return brokenBy(uses, current, target).map((a) => {
    const places =
      a.places.slice(0, 3).join('; ') +
      (a.places.length > 3 ? `; ${a.places.length - 3} more` : '');
    const fix = a.replacement ? `move to ${a.replacement}` : 'no replacement: remove them';
    const clients = a.clients
      ? '; clients called it, so AKS may refuse the upgrade (UpgradeBlockedOnDeprecatedAPIUsage)'
      : '';
    return `${a.kind} ${a.apiVersion} is removed in ${a.removedIn} and still used (${places}): ${fix}${clients}`;
  });
}
