import type { Finding, ObjectRef, Severity } from '../../model/finding.js';
import { type ApiRemoval, groupVersionOf, removalOf } from './api-removals.js';
import { whoCallsIt } from './audit-query.js';
import type { ApiUse } from './deprecated-uses.js';
import { compareVersions, minorOf } from './semver.js';

/** What the deprecated-API verdict looks at. */
export interface DeprecatedApiFacts {
  uses: ApiUse[];
  /** The control plane's running version. */
  current: string;
  /** The minor the operator is about to upgrade to (the next one offered), if any. */
  target: string | undefined;
}

/** The removal behind a use: the table's row, else what the API server's metric label said. */
export function removalFor(u: ApiUse): ApiRemoval | undefined {
  const row = removalOf(u.group, u.version, { resource: u.resource, kind: u.kind });
  if (row) return row;
  if (u.source !== 'metric' || !u.removedRelease) return undefined;
  return {
    group: u.group,
    version: u.version,
    resource: u.resource ?? '',
    kind: u.resource ?? '',
    removedIn: u.removedRelease,
    replacement: undefined,
  };
}

/** Whether a removal minor is at or before `version`'s minor. */
export function atOrBefore(removedIn: string, version: string): boolean {
  return compareVersions(`${removedIn}.0`, `${minorOf(version)}.0`) <= 0;
}

/** Where a use was seen, in one line: the client metric, the Helm release or the applied object. */
export function where(u: ApiUse): string {
  const o = u.object;
  const name = o ? `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}` : '';
  if (u.source === 'metric') return 'clients requested it (API server metric)';
  if (u.source === 'helm')
    return `Helm release ${u.release!.namespace}/${u.release!.name} (revision ${u.release!.revision}): ${name}`;
  return `last applied as ${groupVersionOf(u.group, u.version)}: ${name}`;
}

function verdict(r: ApiRemoval, f: DeprecatedApiFacts): { severity: Severity; when: string } {
  if (atOrBefore(r.removedIn, f.current))
    return {
      severity: 'medium',
      when: `already removed in ${r.removedIn} (the cluster runs ${f.current}): re-applying or upgrading it fails`,
    };
  if (f.target && atOrBefore(r.removedIn, f.target))
    return {
      severity: 'high',
      when: `removed in ${r.removedIn}: upgrading to ${f.target} breaks it, and AKS refuses the upgrade while clients still call it`,
    };
  return { severity: 'low', when: `deprecated, removed in ${r.removedIn}` };
}

/**
 * One `versions.deprecated-api-in-use` finding per deprecated API in use, from the metric,
 * last-applied configurations and Helm releases together, naming where it is used and the
 * apiVersion to move to; high when the target minor removes it.
 */
export function deprecatedApiFindings(f: DeprecatedApiFacts): Finding[] {
  const byApi = new Map<string, { removal: ApiRemoval; uses: ApiUse[] }>();
  for (const u of f.uses) {
    const removal = removalFor(u);
    if (!removal) continue;
    const key = `${groupVersionOf(removal.group, removal.version)}/${removal.resource}`;
    const entry = byApi.get(key) ?? { removal, uses: [] };
    entry.uses.push(u);
    byApi.set(key, entry);
  }
  const out: Finding[] = [];
  for (const [api, { removal: r, uses }] of byApi) {
    const { severity, when } = verdict(r, f);
    const places = [...new Set(uses.map(where))];
    const shown = places.slice(0, 3).join('; ');
    const more = places.length > 3 ? `; and ${places.length - 3} more` : '';
    const object: ObjectRef = uses.find((u) => u.object)?.object ?? { kind: 'API', name: api };
    const helm = uses.some((u) => u.source === 'helm');
    const clients = uses.some((u) => u.source === 'metric');
    const who = clients ? ` ${whoCallsIt(r.group, r.version, r.resource || undefined)}` : '';
    out.push({
      id: 'versions.deprecated-api-in-use',
      severity,
      object,
      message: `${r.kind || r.resource} ${groupVersionOf(r.group, r.version)} is in use, ${when}. Seen: ${shown}${more}.`,
      remediation: `${
        r.replacement
          ? `Move to apiVersion ${r.replacement}${helm ? ' (upgrade the chart; helm-mapkubeapis rewrites stored release manifests)' : ''}, re-apply, and stop clients calling ${groupVersionOf(r.group, r.version)}.`
          : `${groupVersionOf(r.group, r.version)} ${r.resource} has no replacement: remove these objects and their clients before upgrading.`
      }${who}`,
    });
  }
  const rank: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 };
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
