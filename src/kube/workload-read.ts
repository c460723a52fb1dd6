import { ApiException, AppsV1Api, BatchV1Api } from '@kubernetes/client-node';
import type { Connection } from '../model/connection.js';
import type { ContainerFacts, OwnedObject, OwnerRef } from '../model/pods.js';
import { listJsonPages } from './json-pages.js';
import type { ItemShape } from './list-items.js';
import { listUnlessForbidden } from './paged.js';
import type { LeanPod } from './lean-pod.js';
import { followPods } from './shared-reads.js';
import type { PageFold } from './page-feed.js';

const PAGE = 500;

/**
 * Reads every pod (paged, all namespaces) and the ReplicaSets and Jobs between pods and their
 * Deployments and CronJobs. A refused list is named in `forbidden`, never read as empty.
 * `onPods` is handed the pods page by page as they arrive (see `followPods`), and `onOwners` the
 * facts' `intermediates` (the same array) once the ReplicaSets and Jobs are in.
 */
export async function readPodsAndOwners(
  connection: Connection,
  onPods: PageFold<LeanPod> = () => undefined,
  onOwners: (intermediates: readonly OwnedObject[]) => void = () => undefined,
): Promise<ContainerFacts> {
  const { kc } = connection;
  const apps = kc.makeApiClient(AppsV1Api);
  const batch = kc.makeApiClient(BatchV1Api);
  const opts = (cont: string | undefined) => ({
    limit: PAGE,
    ...(cont ? { _continue: cont } : {}),
  });
  // Only the owner links are read (pod -> ReplicaSet/Job -> Deployment/CronJob): keep just those,
  // item by item as plain JSON where the wire allows (no model objects, no whole pages).
  const owners = Promise.all([
    ownerLinksUnlessForbidden(connection, '/apis/apps/v1/replicasets', () =>
      listUnlessForbidden((c) => apps.listReplicaSetForAllNamespaces(opts(c))),
    ),
    ownerLinksUnlessForbidden(connection, '/apis/batch/v1/jobs', () =>
      listUnlessForbidden((c) => batch.listJobForAllNamespaces(opts(c))),
    ),
  ]).then(([replicaSets, jobs]) => {
    // Told as soon as both are in (long before the last pod page of a large cluster).
    const intermediates = [...(replicaSets ?? []), ...(jobs ?? [])];
    onOwners(intermediates);
    return { replicaSets, jobs, intermediates };
  });
  const [pods, { replicaSets, jobs, intermediates }] = await Promise.all([
    sharedPodsUnlessForbidden(connection, onPods),
    owners,
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
    intermediates,
    forbidden,
  };
}

/** The shared pod list, or `undefined` when the cluster refused it (403). */
async function sharedPodsUnlessForbidden(
  connection: Connection,
  onPods: PageFold<LeanPod>,
): Promise<LeanPod[] | undefined> {
  try {
    return await followPods(connection, onPods);
  } catch (error) {
    if (error instanceof ApiException && error.code === 403) return undefined;
    throw error;
  }
}

/** What `ownerLinks` reads, for the list reader: the rest of each object is never parsed. */
const OWNER_LINKS_SHAPE: ItemShape = { metadata: { uid: true, ownerReferences: true } };

/** What the owner links are read from: any object's metadata. */
type Linked = { metadata?: { uid?: string; ownerReferences?: OwnerRef[] } };

/** An object cut to its owner links: `metadata.uid` and `metadata.ownerReferences`. */
function ownerLinks(object: Linked): OwnedObject {
  const meta = object.metadata;
  return { metadata: { uid: meta?.uid, ownerReferences: meta?.ownerReferences } };
}

/**
 * Every object of a kind, cut to its owner links, or `undefined` when the cluster refused the list
 * (403); read as plain JSON item by item, or through the API client when the wire has no reader.
 */
async function ownerLinksUnlessForbidden(
  connection: Connection,
  path: string,
  viaClient: () => Promise<Linked[] | undefined>,
): Promise<OwnedObject[] | undefined> {
  try {
    const query = { limit: String(PAGE) };
    const plain = await listJsonPages(
      connection.kc,
      path,
      query,
      (o) => ownerLinks(o as Linked),
      undefined,
      undefined,
      OWNER_LINKS_SHAPE,
    );
    if (plain) return plain;
  } catch (error) {
    if (error instanceof ApiException && error.code === 403) return undefined;
    throw error;
  }
  return (await viaClient())?.map(ownerLinks);
}
