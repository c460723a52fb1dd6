import {
  CoreV1Api,
  NetworkingV1Api,
  type KubeConfig,
  type V1NetworkPolicy,
  type V1NetworkPolicyEgressRule,
  type V1Namespace,
  type V1Pod,
} from '@kubernetes/client-node';
import { listAllPages } from './paged.js';
import { requestOptions } from './request-options.js';

/** A page request: `limit`, and `continue` after the first page. */
function pageOf(pageSize: number, next: string | undefined): { limit: number; _continue?: string } {
  return { limit: pageSize, ...(next ? { _continue: next } : {}) };
}

/** Every namespace, page by page. */
export function listAllNamespaces(kc: KubeConfig, pageSize = 500): Promise<V1Namespace[]> {
  const api = kc.makeApiClient(CoreV1Api);
  return listAllPages((next) => api.listNamespace(pageOf(pageSize, next)));
}

/** Every pod of every namespace, page by page (large clusters hold tens of thousands). */
export function listAllPods(kc: KubeConfig, pageSize = 500): Promise<V1Pod[]> {
  const api = kc.makeApiClient(CoreV1Api);
  return listAllPages((next) => api.listPodForAllNamespaces(pageOf(pageSize, next)));
}

/** Every NetworkPolicy of every namespace, page by page. */
export function listAllNetworkPolicies(kc: KubeConfig, pageSize = 500): Promise<V1NetworkPolicy[]> {
  const api = kc.makeApiClient(NetworkingV1Api);
  return listAllPages((next) => api.listNetworkPolicyForAllNamespaces(pageOf(pageSize, next)));
}

/** Every NetworkPolicy of one namespace, page by page, as stored now. */
export function listNetworkPoliciesIn(
  kc: KubeConfig,
  namespace: string,
  pageSize = 500,
): Promise<V1NetworkPolicy[]> {
  const api = kc.makeApiClient(NetworkingV1Api);
  return listAllPages((next) =>
    api.listNamespacedNetworkPolicy({ namespace, ...pageOf(pageSize, next) }),
  );
}

/** Creates a NetworkPolicy; with `dryRun` the API server validates it and stores nothing. */
export function createNetworkPolicy(
  kc: KubeConfig,
  policy: V1NetworkPolicy,
  options: { dryRun: boolean },
): Promise<V1NetworkPolicy> {
  const api = kc.makeApiClient(NetworkingV1Api);
  return api.createNamespacedNetworkPolicy({
    namespace: policy.metadata!.namespace!,
    body: policy,
    ...(options.dryRun ? { dryRun: 'All' } : {}),
  });
}

/**
 * Replaces (PUT) a NetworkPolicy; the body's `metadata.uid` and `metadata.resourceVersion` make it
 * an update of that object only: one deleted, replaced or edited since is refused with a 409. With
 * `dryRun` the API server validates it and stores nothing.
 */
export function replaceNetworkPolicy(
  kc: KubeConfig,
  policy: V1NetworkPolicy,
  options: { dryRun: boolean },
): Promise<V1NetworkPolicy> {
  const api = kc.makeApiClient(NetworkingV1Api);
  return api.replaceNamespacedNetworkPolicy({
    name: policy.metadata!.name!,
    namespace: policy.metadata!.namespace!,
    body: policy,
    ...(options.dryRun ? { dryRun: 'All' } : {}),
  });
}

/**
 * Deletes one NetworkPolicy; with `uid`/`resourceVersion`, only that object as it was read
 * (DeleteOptions.preconditions): one replaced or edited since is refused with a 409.
 */
export async function deleteNetworkPolicy(
  kc: KubeConfig,
  at: { namespace: string; name: string; uid?: string; resourceVersion?: string },
): Promise<void> {
  const api = kc.makeApiClient(NetworkingV1Api);
  const { uid, resourceVersion } = at;
  const preconditions = {
    ...(uid ? { uid } : {}),
    ...(resourceVersion ? { resourceVersion } : {}),
  };
  await api.deleteNamespacedNetworkPolicy({
    name: at.name,
    namespace: at.namespace,
    ...(uid || resourceVersion ? { body: { preconditions } } : {}),
  });
}

/** Reads one NetworkPolicy as stored now. */
export function readNetworkPolicy(
  kc: KubeConfig,
  at: { namespace: string; name: string },
): Promise<V1NetworkPolicy> {
  return kc.makeApiClient(NetworkingV1Api).readNamespacedNetworkPolicy(at);
}

/**
 * Replaces a policy's `spec.egress` (and, when given, writes `spec.policyTypes`) with a JSON patch
 * that first tests `resourceVersion`, so an edit made by someone else since it was read fails
 * instead of being overwritten.
 */
export async function replaceEgress(
  kc: KubeConfig,
  at: { namespace: string; name: string; resourceVersion: string },
  egress: V1NetworkPolicyEgressRule[],
  options: { dryRun: boolean; policyTypes?: string[] },
): Promise<void> {
  const api = kc.makeApiClient(NetworkingV1Api);
  await api.patchNamespacedNetworkPolicy(
    {
      name: at.name,
      namespace: at.namespace,
      body: [
        { op: 'test', path: '/metadata/resourceVersion', value: at.resourceVersion },
        // `add` sets a member whether or not it exists; `replace` would fail on an absent egress.
        { op: 'add', path: '/spec/egress', value: egress },
        ...(options.policyTypes
          ? [{ op: 'add', path: '/spec/policyTypes', value: options.policyTypes }]
          : []),
      ],
      ...(options.dryRun ? { dryRun: 'All' } : {}),
    },
    requestOptions(undefined, { 'Content-Type': 'application/json-patch+json' }),
  );
}
