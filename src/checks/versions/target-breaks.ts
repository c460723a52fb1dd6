import { groupVersionOf, REMOVALS_CHECKED_THROUGH } from './api-removals.js';
import { atOrBefore, removalFor, where } from './deprecated-findings.js';
import type { ApiUse } from './deprecated-uses.js';
import { compareVersions, minorOf } from './semver.js';

/** One API a target minor removes that is still in use, with every place it was seen. */
export interface BrokenApi {
  /** `FlowSchema` (or the metric's resource when the table does not know the kind). */
  kind: string;
  /** The group/version that goes away, `flowcontrol.apiserver.k8s.io/v1beta3`. */
  apiVersion: string;
  removedIn: string;
  /** The apiVersion to move to; undefined when there is none (remove the objects). */
  replacement: string | undefined;
  /** Clients called it (the API server metric): AKS refuses the upgrade if they wrote lately. */
  clients: boolean;
  /** Each object, Helm release or client source, one line each. */
  places: string[];
}

/** What upgrading the control plane to one candidate version would break. */
export interface TargetBreaks {
  version: string;
  /** Worst first: no replacement, then called by clients, then manifests only. */
  apis: BrokenApi[];
  /** The candidate is newer than the removals table was checked through. */
  beyondTable: boolean;
  /** One short line for the version chooser: count and worst. */
  label: string;
}

function rank(a: BrokenApi): number {
  if (!a.replacement) return 0;
  return a.clients ? 1 : 2;
}

function worstOf(a: BrokenApi): string {
  const what = `${a.kind} ${a.apiVersion}`;
  if (!a.replacement) return `${what}, no replacement`;
  // The metric tells neither verb nor time; AKS refuses on writes within its look-back window.
  return a.clients ? `${what}, called by clients: AKS may refuse` : `${what} in manifests`;
}

/**
 * The APIs still in use that an upgrade from `current` to `target` removes: every removal after
 * the current minor up to and including the target's, so skipping minors adds theirs up.
 */
export function brokenBy(uses: readonly ApiUse[], current: string, target: string): BrokenApi[] {
  const byApi = new Map<string, BrokenApi>();
  for (const u of uses) {
    const r = removalFor(u);
    if (!r || atOrBefore(r.removedIn, current) || !atOrBefore(r.removedIn, target)) continue;
    const apiVersion = groupVersionOf(r.group, r.version);
    const key = `${apiVersion}/${r.resource}`;
    const entry = byApi.get(key) ?? {
      kind: r.kind || r.resource,
      apiVersion,
      removedIn: r.removedIn,
      replacement: r.replacement,
      clients: false,
      places: [],
    };
    if (u.source === 'metric') entry.clients = true;
    const place = where(u);
    if (!entry.places.includes(place)) entry.places.push(place);
    byApi.set(key, entry);
  }
  return [...byApi.values()].sort(
    (a, b) => rank(a) - rank(b) || compareVersions(a.removedIn, b.removedIn),
  );
}

/** Per candidate version, what the upgrade would break, judged only from the uses gathered. */
export function targetBreaks(
  uses: readonly ApiUse[],
  current: string,
  candidates: readonly string[],
): TargetBreaks[] {
  return candidates.map((version) => {
    const apis = brokenBy(uses, current, version);
    const sameMinor = minorOf(version) === minorOf(current);
    const beyondTable = !sameMinor && !atOrBefore(minorOf(version), REMOVALS_CHECKED_THROUGH);
    if (sameMinor) return { version, apis, beyondTable, label: 'patch: removes no API' };
    const count = apis.length
      ? `${apis.length} removed API${apis.length > 1 ? 's' : ''} in use; worst: ${worstOf(apis[0]!)}`
      : 'no removed API in use';
    const caveat = beyondTable ? ` (table checked through ${REMOVALS_CHECKED_THROUGH})` : '';
    return { version, apis, beyondTable, label: `${count}${caveat}` };
  });
}

/** The confirmation's lines: each removed API in use, its replacement, and where it is used. */
export function breakDetails(b: TargetBreaks): string[] {
  const lines = b.apis.length
    ? [`Would break on ${b.version} (APIs it removes, still in use):`]
    : [];
  for (const a of b.apis) {
    const to = a.replacement ? `→ move to ${a.replacement}` : '→ no replacement: remove them';
    lines.push(`  • ${a.kind} ${a.apiVersion} (removed in ${a.removedIn}) ${to}`);
    lines.push(...a.places.map((p) => `      ${p}`));
  }
  if (b.beyondTable)
    lines.push(
      `Removals after ${REMOVALS_CHECKED_THROUGH} are not in this tool's table; only the API server's metric speaks for them.`,
    );
  return lines;
}
