import {
  AppsV1Api,
  BatchV1Api,
  PolicyV1Api,
  type KubeConfig,
  type V1CronJob,
  type V1DaemonSet,
  type V1Deployment,
  type V1PodDisruptionBudget,
  type V1StatefulSet,
} from '@kubernetes/client-node';
import { listJsonPages } from './json-pages.js';
import { listAllPages, type Page } from './paged.js';
import { requestOptions } from './request-options.js';

/** Every DaemonSet of the cluster (page by page). */
export async function listAllDaemonSets(
  kc: KubeConfig,
  signal?: AbortSignal,
): Promise<V1DaemonSet[]> {
  const api = kc.makeApiClient(AppsV1Api);
  return listAllPages((next) =>
    api.listDaemonSetForAllNamespaces(
      { limit: 500, ...(next ? { _continue: next } : {}) },
      requestOptions(signal),
    ),
  );
}

/** Every PodDisruptionBudget of the cluster (page by page). */
export async function listAllPdbs(
  kc: KubeConfig,
  signal?: AbortSignal,
): Promise<V1PodDisruptionBudget[]> {
  const api = kc.makeApiClient(PolicyV1Api);
  return listAllPages((next) =>
    api.listPodDisruptionBudgetForAllNamespaces(
      { limit: 500, ...(next ? { _continue: next } : {}) },
      requestOptions(signal),
    ),
  );
}

/** A client list call over every namespace: one page from `_continue` on. */
type ClientList<T> = (
  page: { limit: number; _continue?: string },
  options: ReturnType<typeof requestOptions>,
) => Promise<Page<T>>;

/**
 * Every object of a workload kind (page by page), as the wire's plain JSON where it can (no model
 * objects; the items keep the wire's field names and string timestamps), else through the client.
 */
async function listWorkloads<T>(
  kc: KubeConfig,
  path: string,
  viaClient: ClientList<T>,
  signal?: AbortSignal,
): Promise<T[]> {
  const plain = await listJsonPages(kc, path, { limit: '500' }, (item) => item as T, signal);
  return (
    plain ??
    listAllPages((next) =>
      viaClient({ limit: 500, ...(next ? { _continue: next } : {}) }, requestOptions(signal)),
    )
  );
}

/** Every Deployment of the cluster (page by page). */
export function listAllDeployments(kc: KubeConfig, signal?: AbortSignal): Promise<V1Deployment[]> {
  const api = kc.makeApiClient(AppsV1Api);
  return listWorkloads(
    kc,
    '/apis/apps/v1/deployments',
    (page, options) => api.listDeploymentForAllNamespaces(page, options),
    signal,
  );
}

/** Every StatefulSet of the cluster (page by page). */
export function listAllStatefulSets(
  kc: KubeConfig,
  signal?: AbortSignal,
): Promise<V1StatefulSet[]> {
  const api = kc.makeApiClient(AppsV1Api);
  return listWorkloads(
    kc,
    '/apis/apps/v1/statefulsets',
    (page, options) => api.listStatefulSetForAllNamespaces(page, options),
    signal,
  );
}

/** Every CronJob of the cluster (page by page). */
export function listAllCronJobs(kc: KubeConfig, signal?: AbortSignal): Promise<V1CronJob[]> {
  const api = kc.makeApiClient(BatchV1Api);
  return listWorkloads(
    kc,
    '/apis/batch/v1/cronjobs',
    (page, options) => api.listCronJobForAllNamespaces(page, options),
    signal,
  );
}
