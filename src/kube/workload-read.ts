import { ApiException, AppsV1Api, BatchV1Api } from '@kubernetes/client-node';
import type { Connection } from '../model/connection.js';
import type {
  ContainerFacts,
  ControllerKind,
  ControllerObject,
  OwnedObject,
  OwnerRef,
} from '../model/pods.js';
import { listJsonPages } from './json-pages.js';
import type { ItemShape } from './list-items.js';
import { listUnlessForbidden } from './paged.js';
import type { LeanPod } from './lean-pod.js';
import {
  cronJobsOf,
  daemonSetsOf,
  deploymentsOf,
  followPods,
  statefulSetsOf,
} from './shared-reads.js';
import type { PageFold } from './page-feed.js';

const PAGE = 500;

/**
 * Reads every pod (paged, all namespaces), the ReplicaSets and Jobs between pods and their
 * Deployments and CronJobs, and the workload controllers whose pod templates are judged when they
 * have no pod (Deployments, StatefulSets, DaemonSets and CronJobs, shared with the other steps'
 * reads; ReplicaSets and Jobs no one owns). A refused list is named in `forbidden`, never read as
 * empty. `onPods` is handed the pods page by page as they arrive (see `followPods`), and
 * `onOwners` the facts' `intermediates` (the same array) once the ReplicaSets and Jobs are in.
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
  // item by item as plain JSON where the wire allows (no model objects, no whole pages); the
  // template too of a ReplicaSet or Job that no one owns.
  const owners = Promise.all([
    ownerLinksUnlessForbidden(connection, 'ReplicaSet', '/apis/apps/v1/replicasets', () =>
      listUnlessForbidden((c) => apps.listReplicaSetForAllNamespaces(opts(c))),
    ),
    ownerLinksUnlessForbidden(connection, 'Job', '/apis/batch/v1/jobs', () =>
      listUnlessForbidden((c) => batch.listJobForAllNamespaces(opts(c))),
    ),
  ]).then(([replicaSets, jobs]) => {
    // Told as soon as both are in (long before the last pod page of a large cluster).
    const intermediates = [...(replicaSets?.links ?? []), ...(jobs?.links ?? [])];
    onOwners(intermediates);
    return { replicaSets, jobs, intermediates };
  });
  const controllers = Promise.all([
    controllersUnlessForbidden('Deployment', () => deploymentsOf(connection)),
    controllersUnlessForbidden('StatefulSet', () => statefulSetsOf(connection)),
    controllersUnlessForbidden('DaemonSet', () => daemonSetsOf(connection)),
    // A CronJob's status says nothing the check reads (its Jobs have their own).
    controllersUnlessForbidden('CronJob', () =>
      cronJobsOf(connection).then((list) => list.map(({ metadata, spec }) => ({ metadata, spec }))),
    ),
  ]);
  controllers.catch(() => undefined); // awaited below, after the pods
  const [pods, { replicaSets, jobs, intermediates }] = await Promise.all([
    sharedPodsUnlessForbidden(connection, onPods),
    owners,
  ]);
  const [deployments, statefulSets, daemonSets, cronJobs] = await controllers;
  const forbidden = (
    [
      ['pods', pods],
      ['replicasets', replicaSets],
      ['jobs', jobs],
      ['deployments', deployments],
      ['statefulsets', statefulSets],
      ['daemonsets', daemonSets],
      ['cronjobs', cronJobs],
    ] as const
  )
    .filter(([, list]) => list === undefined)
    .map(([name]) => name);
  return {
    pods: pods ?? [],
    intermediates,
    controllers: [
      ...(deployments ?? []),
      ...(statefulSets ?? []),
      ...(daemonSets ?? []),
      ...(replicaSets?.unowned ?? []),
      ...(jobs?.unowned ?? []),
      ...(cronJobs ?? []),
    ],
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

/** What is read of each ReplicaSet and Job: its owner links, and what its template needs. */
const OWNER_LINKS_SHAPE: ItemShape = {
  metadata: { uid: true, ownerReferences: true, name: true, namespace: true },
  spec: { replicas: true, suspend: true, template: true },
  status: { conditions: { type: true, status: true } },
};

/** A workload controller as listed: any object of its kind, through the client or as JSON. */
interface Listed {
  metadata?: { name?: string; namespace?: string; uid?: string; ownerReferences?: OwnerRef[] };
  spec?: {
    replicas?: number;
    suspend?: boolean;
    // The wire's (or the client model's) pod template, of which the checks read `PodTemplate`.
    template?: object;
    jobTemplate?: { spec?: { template?: object } };
  };
  status?: {
    conditions?: Array<{ type: string; status: string }>;
    desiredNumberScheduled?: number;
  };
}

/** An object cut to its owner links: `metadata.uid` and `metadata.ownerReferences`. */
function ownerLinks(object: Listed): OwnedObject {
  const meta = object.metadata;
  return { metadata: { uid: meta?.uid, ownerReferences: meta?.ownerReferences } };
}

/**
 * A listed controller as the template checks read it: its place, replicas or suspension, pod
 * template and the status fields that tell why it has no pods. The template is the wire's (or the
 * client's, which names the fields the same), of which the checks read the `PodTemplate` part.
 */
function controllerOf(kind: ControllerKind, o: Listed): ControllerObject {
  const meta = o.metadata;
  const spec = o.spec;
  const status = o.status;
  return {
    kind,
    metadata: {
      name: meta?.name,
      namespace: meta?.namespace,
      uid: meta?.uid,
      ...(meta?.ownerReferences ? { ownerReferences: meta.ownerReferences } : {}),
    },
    spec: {
      ...(spec?.replicas !== undefined ? { replicas: spec.replicas } : {}),
      ...(spec?.suspend !== undefined ? { suspend: spec.suspend } : {}),
      ...(spec?.template ? { template: spec.template } : {}),
      ...(spec?.jobTemplate ? { jobTemplate: spec.jobTemplate } : {}),
    },
    status: {
      ...(status?.conditions
        ? { conditions: status.conditions.map(({ type, status }) => ({ type, status })) }
        : {}),
      ...(status?.desiredNumberScheduled !== undefined
        ? { desiredNumberScheduled: status.desiredNumberScheduled }
        : {}),
    },
  };
}

/** A shared list of controllers, cut for the template checks; `undefined` when refused (403). */
async function controllersUnlessForbidden(
  kind: ControllerKind,
  list: () => Promise<Listed[]>,
): Promise<ControllerObject[] | undefined> {
  try {
    return (await list()).map((o) => controllerOf(kind, o));
  } catch (error) {
    if (error instanceof ApiException && error.code === 403) return undefined;
    throw error;
  }
}

/** The owner links of every object of a kind, and those objects no one owns, whole for their template. */
interface LinksRead {
  links: OwnedObject[];
  unowned: ControllerObject[];
}

/**
 * Every object of a kind, cut to its owner links (and, when no one owns it, to what its template
 * check reads), or `undefined` when the cluster refused the list (403); read as plain JSON item by
 * item, or through the API client when the wire has no reader.
 */
async function ownerLinksUnlessForbidden(
  connection: Connection,
  kind: 'ReplicaSet' | 'Job',
  path: string,
  viaClient: () => Promise<Listed[] | undefined>,
): Promise<LinksRead | undefined> {
  const unowned: ControllerObject[] = [];
  const keep = (o: Listed): OwnedObject => {
    if ((o.metadata?.ownerReferences ?? []).length === 0) unowned.push(controllerOf(kind, o));
    return ownerLinks(o);
  };
  try {
    const query = { limit: String(PAGE) };
    const plain = await listJsonPages(
      connection.kc,
      path,
      query,
      (o) => keep(o as Listed),
      undefined,
      undefined,
      OWNER_LINKS_SHAPE,
    );
    if (plain) return { links: plain, unowned };
  } catch (error) {
    if (error instanceof ApiException && error.code === 403) return undefined;
    throw error;
  }
  const listed = await viaClient();
  return listed && { links: listed.map(keep), unowned };
}
