import type {
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Namespace,
  V1NetworkPolicy,
  V1Node,
  V1ObjectMeta,
  V1Pod,
  V1PodDisruptionBudget,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { Connection } from '../model/connection.js';
import {
  listAllCronJobs,
  listAllDaemonSets,
  listAllDeployments,
  listAllPdbs,
  listAllStatefulSets,
} from './lists.js';
import { listAllPods } from './node-pods.js';
import { LEAN_POD_SHAPE, leanPod, type LeanPod } from './lean-pod.js';
import { listJsonPages } from './json-pages.js';
import { PageFeed, type PageFold } from './page-feed.js';
import { listAllNodes } from './nodes.js';
import { listAllNamespaces, listAllNetworkPolicies } from './network-policies.js';
import { readRbac, type RbacRead } from './rbac-read.js';
import { readServiceAccountNames } from './service-accounts-read.js';
import type { ServiceAccountName } from '../model/rbac.js';
import { servedGroupVersions } from './served-apis.js';
import { describeKubeError } from './errors.js';
import {
  enginePolicyKinds,
  readEnginePolicyKinds,
  type EnginePolicyKindRead,
} from './engine-policy-reads.js';

/**
 * Kubernetes lists the caller knows its steps will make: sent by `connect` with its own first
 * reads (version and nodes) and handed to the first read batch.
 */
export type EarlyKubeRead =
  | 'pods'
  | 'namespaces'
  | 'rbac'
  | 'serviceaccounts'
  | 'networkpolicies'
  | 'pdbs'
  | 'daemonsets'
  | 'served'
  | 'enginepolicies';

/** Sends the `wanted` lists now and primes the next read batch with them (no batch is open). */
export function primeKubeReads(
  connection: Pick<Connection, 'kc' | 'reads'>,
  wanted: readonly string[],
): void {
  // Outside a batch each of these reads at once and is not kept: it is kept here instead.
  const c = connection as Connection;
  // Discovery is asked once, whichever of the two reads wants it.
  let served: Promise<string[]> | undefined;
  const discovery = () => (served ??= servedOf(c));
  const reads: Record<EarlyKubeRead, () => Promise<unknown>> = {
    pods: () => podFeedOf(c),
    namespaces: () => namespacesOf(c),
    rbac: () => rbacObjectsOf(c),
    serviceaccounts: () => serviceAccountsOf(c),
    networkpolicies: () => networkPoliciesOf(c),
    pdbs: () => pdbsOf(c),
    daemonsets: () => daemonSetsOf(c),
    served: discovery,
    enginepolicies: () => readEnginePolicies(c, discovery()),
  };
  for (const [key, read] of Object.entries(reads)) {
    if (!wanted.includes(key)) continue;
    const answer = read();
    answer.catch(() => undefined); // its step reports a failure; unasked, it is dropped
    connection.reads.prime(key, answer);
  }
}

/** Pods per page of the shared pod list (kubectl's chunk size). */
const POD_PAGE = 500;

// The one annotation big enough to matter that no check reads: a full copy of the object.
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Every pod of the cluster, paged; sent once per read batch and shared by the steps that need
 * pods. Each pod is cut to `LeanPod` as its page arrives (the fields some step reads; add a field
 * there before a check reads it), and the page is dropped. A 403 rejects, as the same
 * `ApiException`, for every caller.
 */
export async function podsOf(connection: Connection, signal?: AbortSignal): Promise<LeanPod[]> {
  return (await podFeedOf(connection, signal)).all;
}

/**
 * `podsOf`, with `fold` handed the pods page by page as they arrive (those read so far first):
 * a step keeps its per-pod facts while the next page is on its way. Resolves and rejects as
 * `podsOf` (or with what `fold` threw).
 */
export async function followPods(
  connection: Connection,
  fold: PageFold<LeanPod>,
  signal?: AbortSignal,
): Promise<LeanPod[]> {
  return (await podFeedOf(connection, signal)).follow(fold);
}

/** The shared pod list as it arrives (see `podsOf`). */
function podFeedOf(connection: Connection, signal?: AbortSignal): Promise<PageFeed<LeanPod>> {
  return connection.reads.share('pods', () => {
    const own = sharedSignal(connection, signal);
    const feed = new PageFeed<LeanPod>(async (onPage) => {
      // As plain JSON where the wire allows (no model objects for tens of thousands of pods).
      const plain = await listJsonPages(
        connection.kc,
        '/api/v1/pods',
        { limit: String(POD_PAGE) },
        (item) => leanPodOf(item as V1Pod),
        own,
        onPage,
        LEAN_POD_SHAPE,
      );
      if (plain) return plain;
      const all = await listAllPods(connection.kc, own, POD_PAGE, leanPodOf);
      onPage(all);
      return all;
    });
    return Promise.resolve(feed);
  });
}

/** A pod as the shared list keeps it; its last-applied copy cut as `slim` cuts it. */
function leanPodOf(pod: V1Pod): LeanPod {
  // The lean copy leaves managedFields behind; only the annotation needs cutting.
  const lean = leanPod(pod);
  const annotations = lean.metadata?.annotations;
  const applied = annotations?.[LAST_APPLIED];
  if (applied !== undefined) annotations![LAST_APPLIED] = appliedVersionOnly(applied);
  return lean;
}

/** Every node of the cluster, paged; sent once per read batch and shared. */
export function nodesOf(connection: Connection): Promise<V1Node[]> {
  return connection.reads.share('nodes', async () => slim(await listAllNodes(connection.kc)));
}

/** Gives connect's node list (read just before) to the first batch of inspections. */
export function primeNodes(connection: Pick<Connection, 'reads'>, nodes: V1Node[]): void {
  connection.reads.prime('nodes', slim(nodes));
}

/** Every namespace, paged; sent once per read batch and shared. */
export function namespacesOf(connection: Connection): Promise<V1Namespace[]> {
  return connection.reads.share('namespaces', async () =>
    slim(await listAllNamespaces(connection.kc)),
  );
}

/**
 * Every RoleBinding, ClusterRoleBinding, Role and ClusterRole (paged), with the refused lists
 * named; sent once per read batch and shared (the rbac step and the deprecated-API look).
 */
export function rbacObjectsOf(connection: Connection): Promise<RbacRead> {
  return connection.reads.share('rbac', async () => {
    const read = await readRbac(connection.kc);
    slim(read.roleBindings);
    slim(read.clusterRoleBindings);
    slim(read.roles);
    slim(read.clusterRoles);
    return read;
  });
}

/**
 * Every ServiceAccount by namespace and name (paged), or `undefined` when the list was refused
 * (403); sent once per read batch and shared.
 */
export function serviceAccountsOf(
  connection: Connection,
): Promise<ServiceAccountName[] | undefined> {
  return connection.reads.share('serviceaccounts', () => readServiceAccountNames(connection.kc));
}

/** Every NetworkPolicy, paged; sent once per read batch and shared (IMDS, deprecated APIs). */
export function networkPoliciesOf(connection: Connection): Promise<V1NetworkPolicy[]> {
  return connection.reads.share('networkpolicies', async () =>
    slim(await listAllNetworkPolicies(connection.kc)),
  );
}

/** Every PodDisruptionBudget, paged; sent once per read batch and shared. */
export function pdbsOf(
  connection: Connection,
  signal?: AbortSignal,
): Promise<V1PodDisruptionBudget[]> {
  return connection.reads.share('pdbs', async () =>
    slim(await listAllPdbs(connection.kc, sharedSignal(connection, signal))),
  );
}

/** Every `group/version` the API server serves (discovery); asked once per read batch. */
export function servedOf(connection: Connection): Promise<string[]> {
  return connection.reads.share('served', () => servedGroupVersions(connection.kc));
}

/**
 * The engines' own network policy kinds (Cilium's, Calico's) that discovery shows, each listed
 * once per read batch and shared; a kind not served is said so, a refused or failed one too
 * (never thrown). A failed discovery leaves both engines' kinds unread.
 */
export function enginePoliciesOf(connection: Connection): Promise<EnginePolicyKindRead[]> {
  return connection.reads.share('enginepolicies', () =>
    readEnginePolicies(connection, servedOf(connection)),
  );
}

async function readEnginePolicies(
  connection: Pick<Connection, 'kc'>,
  served: Promise<string[]>,
): Promise<EnginePolicyKindRead[]> {
  const server = connection.kc.getCurrentCluster()?.server ?? '(unknown server)';
  let versions: string[];
  try {
    versions = await served;
  } catch (error) {
    const unread = describeKubeError(error, server, 'read the served APIs').message;
    return [
      { engine: 'cilium', kind: 'CiliumNetworkPolicy', apiVersion: 'cilium.io/v2', unread },
      { engine: 'calico', kind: 'NetworkPolicy', apiVersion: 'projectcalico.org', unread },
    ];
  }
  return readEnginePolicyKinds(connection.kc, enginePolicyKinds(versions), server);
}

/** Every DaemonSet, paged; sent once per read batch and shared. */
export function daemonSetsOf(connection: Connection, signal?: AbortSignal): Promise<V1DaemonSet[]> {
  return connection.reads.share('daemonsets', async () =>
    slim(await listAllDaemonSets(connection.kc, sharedSignal(connection, signal))),
  );
}

/** Every Deployment, paged; sent once per read batch and shared (containers, deprecated APIs). */
export function deploymentsOf(
  connection: Connection,
  signal?: AbortSignal,
): Promise<V1Deployment[]> {
  return connection.reads.share('deployments', async () =>
    slim(await listAllDeployments(connection.kc, sharedSignal(connection, signal))),
  );
}

/** Every StatefulSet, paged; sent once per read batch and shared (containers, deprecated APIs). */
export function statefulSetsOf(
  connection: Connection,
  signal?: AbortSignal,
): Promise<V1StatefulSet[]> {
  return connection.reads.share('statefulsets', async () =>
    slim(await listAllStatefulSets(connection.kc, sharedSignal(connection, signal))),
  );
}

/** Every CronJob, paged; sent once per read batch and shared (containers, deprecated APIs). */
export function cronJobsOf(connection: Connection, signal?: AbortSignal): Promise<V1CronJob[]> {
  return connection.reads.share('cronjobs', async () =>
    slim(await listAllCronJobs(connection.kc, sharedSignal(connection, signal))),
  );
}

/**
 * A shared read outlives the step that started it, so that step's abort signal must not cancel
 * it for the others; with no batch open the read is the caller's own and keeps its signal.
 */
function sharedSignal(connection: Connection, signal?: AbortSignal): AbortSignal | undefined {
  return connection.reads.batching ? undefined : signal;
}

/** Drops what no check reads (managedFields, last-applied copies) so a held list costs less. */
/**
 * The last-applied configuration cut down to its apiVersion and kind: the deprecated-API check
 * needs which version was applied, not the (often large) rest.
 */
function appliedVersionOnly(text: string): string {
  try {
    const { apiVersion, kind } = JSON.parse(text) as { apiVersion?: unknown; kind?: unknown };
    return JSON.stringify({ apiVersion, kind });
  } catch {
    return '{}';
  }
}

function slim<T extends { metadata?: V1ObjectMeta }>(items: T[]): T[] {
  for (const item of items) {
    const meta = item.metadata;
    if (!meta) continue;
    delete meta.managedFields;
    const applied = meta.annotations?.[LAST_APPLIED];
    if (applied !== undefined) meta.annotations![LAST_APPLIED] = appliedVersionOnly(applied);
  }
  return items;
}
