import { AppsV1Api, BatchV1Api, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { ContainerFacts } from '../checks/containers/types.js';
import { listUnlessForbidden } from './paged.js';

const PAGE = 500;

/**
 * Reads every pod (paged, all namespaces) and the ReplicaSets and Jobs between pods and their
 * Deployments and CronJobs. A refused list is named in `forbidden`, never read as empty.
 */
export async function readPodsAndOwners(kc: KubeConfig): Promise<ContainerFacts> {
  const core = kc.makeApiClient(CoreV1Api);
  const apps = kc.makeApiClient(AppsV1Api);
  const batch = kc.makeApiClient(BatchV1Api);
  const opts = (cont: string | undefined) => ({
    limit: PAGE,
    ...(cont ? { _continue: cont } : {}),
  });
  const [pods, replicaSets, jobs] = await Promise.all([
    listUnlessForbidden((c) => core.listPodForAllNamespaces(opts(c))),
    listUnlessForbidden((c) => apps.listReplicaSetForAllNamespaces(opts(c))),
    listUnlessForbidden((c) => batch.listJobForAllNamespaces(opts(c))),
  ]);
  const forbidden = (
    [
      ['pods', pods],
      ['replicasets', replicaSets],
      ['jobs', jobs],
    ] as const
  )
    .filter(([, list]) => list === undefined)
    .map(([name]) => name);
  return {
    pods: pods ?? [],
    intermediates: [...(replicaSets ?? []), ...(jobs ?? [])],
    forbidden,
  };
}
