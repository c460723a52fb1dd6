import { CoreV1Api, type KubeConfig, type V1Node } from '@kubernetes/client-node';
import { listAllPages } from './paged.js';

/** Every node of the cluster, fetched page by page so large clusters do not time out. */
export async function listAllNodes(kc: KubeConfig, pageSize = 500): Promise<V1Node[]> {
  const api = kc.makeApiClient(CoreV1Api);
  return listAllPages((next) =>
    api.listNode({ limit: pageSize, ...(next ? { _continue: next } : {}) }),
  );
}

/** Whether a node reports the Ready condition as True. */
export function isNodeReady(node: V1Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
