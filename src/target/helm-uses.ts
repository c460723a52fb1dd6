import type { KubeConfig } from '@kubernetes/client-node';
import { helmUses, type ApiUse } from '../checks/versions/deprecated-uses.js';
import {
  decodeHelmRecord,
  latestReleaseSecrets,
  type HelmSecret,
} from '../checks/versions/helm-release.js';
import { listHelmRecords, type HelmRecordObject } from '../kube/deprecated-api-reads.js';
import { describeKubeError } from '../kube/errors.js';
import { messageOf } from '../model/errors.js';

/** What the Helm records gave: uses, how many releases were read, and what could not be. */
export interface HelmLook {
  uses: ApiUse[];
  releases: number;
  /** `[what, why]` pairs for the sources that could not be read. */
  unreadable: Array<[string, string]>;
}

const DRIVERS = ['Secret', 'ConfigMap'] as const;

function recordOf(o: HelmRecordObject, driver: (typeof DRIVERS)[number]): HelmSecret {
  const type = 'type' in o ? o.type : undefined;
  return {
    driver,
    namespace: o.metadata?.namespace ?? '',
    name: o.metadata?.name ?? '',
    ...(type ? { type } : {}),
    labels: o.metadata?.labels ?? {},
    ...(o.data?.['release'] ? { release: o.data['release'] } : {}),
  };
}

/**
 * Uses from Helm v3 releases of both storage drivers (Secrets, Helm's default, and ConfigMaps):
 * one record per release, the revision Helm treats as current, decoded.
 */
export async function lookAtHelmReleases(kc: KubeConfig, signal?: AbortSignal): Promise<HelmLook> {
  const out: HelmLook = { uses: [], releases: 0, unreadable: [] };
  const records: HelmSecret[] = [];
  // Both drivers listed at once; what each gave is taken in driver order.
  const lists = DRIVERS.map((driver) =>
    listHelmRecords(kc, driver, signal).then(
      (listed) => ({ listed }),
      (error: unknown) => ({ error }),
    ),
  );
  for (const [i, driver] of DRIVERS.entries()) {
    const what = `Helm releases in ${driver}s`;
    const read = await lists[i]!;
    if ('error' in read) {
      // What could not be reached and what to do, not the client's bare "fetch failed".
      const server = kc.getCurrentCluster()?.server ?? '(unknown server)';
      out.unreadable.push([what, describeKubeError(read.error, server, `list ${driver}s`).message]);
      continue;
    }
    const { listed } = read;
    if (listed === undefined) out.unreadable.push([what, `listing ${driver}s is forbidden`]);
    records.push(...(listed ?? []).map((o) => recordOf(o, driver)));
  }
  for (const r of latestReleaseSecrets(records)) {
    try {
      const release = decodeHelmRecord(r);
      if (release.status === 'uninstalled') continue;
      out.releases += 1;
      out.uses.push(...helmUses(release));
    } catch (e) {
      out.unreadable.push([
        `Helm release ${r.namespace}/${r.name} (${r.driver})`,
        `not a readable record (${messageOf(e)})`,
      ]);
    }
  }
  return out;
}
