import {
  AppsV1Api,
  PolicyV1Api,
  type KubeConfig,
  type V1DaemonSet,
  type V1PodDisruptionBudget,
} from '@kubernetes/client-node';
import { listAllPages } from './paged.js';
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
