import { kindsRemovedBetween, mayRemoveApis } from '../checks/fleet/member-apis.js';
import { lastAppliedUses, metricUses, type ApiUse } from '../checks/versions/deprecated-uses.js';
import { readApiServerMetrics } from '../kube/api-server-metrics.js';
import { listKinds, storedObjectsOf } from '../kube/deprecated-api-reads.js';
import { servedGroupVersions } from '../kube/served-apis.js';
import type { Connection } from '../model/connection.js';
import { failureOf } from '../target/failure.js';
import { lookAtHelmReleases } from '../target/helm-uses.js';

/**
 * A member's uses of the APIs an upgrade from `current` to `target` removes, from the same three
 * sources as the upgrades step (the API server's metric, Helm releases, last-applied objects),
 * listing only the kinds that upgrade removes an API of. Reads nothing when it removes none.
 */
export async function memberApiUses(
  connection: Connection,
  current: string,
  target: string,
): Promise<{ uses: ApiUse[]; unread: string[] }> {
  if (!mayRemoveApis(current, target)) return { uses: [], unread: [] };
  const { kc } = connection;
  const uses: ApiUse[] = [];
  const unread: string[] = [];
  const metrics = await readApiServerMetrics(kc).catch((e: unknown) => ({
    unreadable: failureOf(e, connection, "read the API server's /metrics").line,
  }));
  if ('text' in metrics) uses.push(...metricUses(metrics.text));
  else unread.push(`deprecated API requests (${metrics.unreadable.split('\n')[0]})`);
  const helm = await lookAtHelmReleases(kc);
  uses.push(...helm.uses);
  unread.push(...helm.unreadable.map(([what, why]) => `${what} (${why.split('\n')[0]})`));
  try {
    const kinds = kindsRemovedBetween(await servedGroupVersions(kc), current, target);
    for (const k of await listKinds(kc, kinds)) {
      if ('unreadable' in k) {
        // A kind the server no longer serves holds nothing to list; any other failure (a refusal,
        // a timeout, a 5xx) leaves the member unchecked and is said, never read as "no use".
        if (k.why === 'not-served') continue;
        unread.push(`stored ${k.kind} (${k.unreadable.split('\n')[0]})`);
        continue;
      }
      uses.push(...lastAppliedUses(storedObjectsOf(k)));
    }
  } catch (error) {
    unread.push(`served APIs (${failureOf(error, connection, 'list the served APIs').line})`);
  }
  return { uses, unread };
}
