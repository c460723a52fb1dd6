import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { requestOptions } from './request-options.js';

/** The pods bound to one node (field selector spec.nodeName), fetched page by page. */
export function listPodsOnNode(
  kc: KubeConfig,
  node: string,
  signal?: AbortSignal,
  pageSize = 500,
): Promise<V1Pod[]> {
  return listPods(kc, `spec.nodeName=${node}`, signal, pageSize);
}

/**
 * Every pod of the cluster, page by page (for per-node counts and previews). `keep` reshapes each
 * pod as its page arrives, so only one page of full objects is alive at a time.
 */
export function listAllPods<T = V1Pod>(
  kc: KubeConfig,
  signal?: AbortSignal,
  pageSize = 500,
  keep: (pod: V1Pod) => T = (pod) => pod as T,
): Promise<T[]> {
  return listPods(kc, undefined, signal, pageSize, keep);
}

async function listPods<T = V1Pod>(
  kc: KubeConfig,
  fieldSelector: string | undefined,
  signal: AbortSignal | undefined,
  pageSize: number,
  keep: (pod: V1Pod) => T = (pod) => pod as T,
): Promise<T[]> {
  const api = kc.makeApiClient(CoreV1Api);
  const pods: T[] = [];
  let next: string | undefined;
  do {
    const page = await api.listPodForAllNamespaces(
      {
        limit: pageSize,
        ...(fieldSelector ? { fieldSelector } : {}),
        ...(next ? { _continue: next } : {}),
      },
      requestOptions(signal),
    );
    for (const pod of page.items) pods.push(keep(pod));
    next = page.metadata?._continue || undefined;
  } while (next);
  return pods;
}
