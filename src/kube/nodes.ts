import { CoreV1Api, type KubeConfig, type V1Node } from '@kubernetes/client-node';
import { listJsonPages } from './json-pages.js';
import { listAllPages } from './paged.js';

/**
 * Every node of the cluster, fetched page by page so large clusters do not time out. Read as
 * plain JSON where the wire allows (as the node watch hands nodes over): client-node's model
 * classes cost about 150 ms of CPU for 1,000 nodes, on the way to the first screen. The nodes
 * then have the wire's shapes (timestamps as strings), which no reader of a node's fields relies
 * on otherwise; `managedFields`, which nothing reads, is dropped as each node arrives.
 */
export async function listAllNodes(kc: KubeConfig, pageSize = 500): Promise<V1Node[]> {
  const plain = await listJsonPages(
    kc,
    '/api/v1/nodes',
    { limit: String(pageSize) },
    withoutFields,
  );
  if (plain) return plain;
  const api = kc.makeApiClient(CoreV1Api);
  return listAllPages((next) =>
    api.listNode({ limit: pageSize, ...(next ? { _continue: next } : {}) }),
  );
}

function withoutFields(item: unknown): V1Node {
  const node = item as V1Node;
  if (node.metadata) delete node.metadata.managedFields;
  return node;
}

/** Whether a node reports the Ready condition as True. */
export function isNodeReady(node: V1Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
