import { ApiException, AppsV1Api, BatchV1Api } from '@kubernetes/client-node';
import type { Connection } from '../model/connection.js';
import type { ContainerFacts } from '../model/pods.js';
import { listUnlessForbidden } from './paged.js';
import type { LeanPod } from './lean-pod.js';
import { podsOf } from './shared-reads.js';

const PAGE = 500;

/**
 * Reads every pod (paged, all namespaces) and the ReplicaSets and Jobs between pods and their
 * Deployments and CronJobs. A refused list is named in `forbidden`, never read as empty.
 */
export async function readPodsAndOwners(connection: Connection): Promise<ContainerFacts> {
  const { kc } = connection;
  const apps = kc.makeApiClient(AppsV1Api);
  const batch = kc.makeApiClient(BatchV1Api);
  const opts = (cont: string | undefined) => ({
    limit: PAGE,
    ...(cont ? { _continue: cont } : {}),
  });
  const [pods, replicaSets, jobs] = await Promise.all([
    sharedPodsUnlessForbidden(connection),
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
    // Only the owner links are read (pod -> ReplicaSet/Job -> Deployment/CronJob): keep just those.
    intermediates: [...(replicaSets ?? []), ...(jobs ?? [])].map((o) => ({
      metadata: { uid: o.metadata?.uid, ownerReferences: o.metadata?.ownerReferences },
    })),
    forbidden,
  };
}

/** The shared pod list, or `undefined` when the cluster refused it (403). */
async function sharedPodsUnlessForbidden(connection: Connection): Promise<LeanPod[] | undefined> {
  try {
    return await podsOf(connection);
  } catch (error) {
    if (error instanceof ApiException && error.code === 403) return undefined;
    throw error;
  }
}
