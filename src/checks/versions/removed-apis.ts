import { API_REMOVALS, groupVersionOf } from './api-removals.js';
import { compareVersions, minorOf } from './semver.js';

/**
 * Group/versions Kubernetes stopped serving, by the minor that removed them, derived from the
 * per-resource table: a group/version is gone only once every resource in it is (extensions/v1beta1
 * lost Deployments in 1.16, Ingress in 1.22).
 */
const REMOVED: ReadonlyArray<{ groupVersion: string; removedIn: string }> = (() => {
  const last = new Map<string, string>();
  for (const r of API_REMOVALS) {
    const gv = groupVersionOf(r.group, r.version);
    const seen = last.get(gv);
    if (!seen || compareVersions(`${r.removedIn}.0`, `${seen}.0`) > 0) last.set(gv, r.removedIn);
  }
  return [...last].map(([groupVersion, removedIn]) => ({ groupVersion, removedIn }));
})();

/** Served group/versions that the upgrade from `from` to `to` removes. */
export function removedBetween(
  served: readonly string[],
  from: string,
  to: string,
): Array<{ groupVersion: string; removedIn: string }> {
  const a = `${minorOf(from)}.0`;
  const b = `${minorOf(to)}.0`;
  return REMOVED.filter(
    (r) =>
      served.includes(r.groupVersion) &&
      compareVersions(`${r.removedIn}.0`, a) > 0 &&
      compareVersions(`${r.removedIn}.0`, b) <= 0,
  );
}

/** What discovery cannot tell, said plainly next to what it can. */
export const REMOVED_API_LIMITS =
  "Discovery shows which API versions the server still serves, not who uses them: objects stored through an old version are converted and look current, and clients calling removed APIs only show up in the API server audit log (or the Azure portal's deprecated-API insight).";
