import { CoreV1Api, type KubeConfig, type V1Node } from '@kubernetes/client-node';

/** Every node of the cluster, fetched page by page so large clusters do not time out. */
export async function listAllNodes(kc: KubeConfig, pageSize = 500): Promise<V1Node[]> {
  const api = kc.makeApiClient(CoreV1Api);
  const nodes: V1Node[] = [];
  let next: string | undefined;
  do {
    const page = await api.listNode({ limit: pageSize, ...(next ? { _continue: next } : {}) });
    nodes.push(...page.items);
    next = page.metadata?._continue || undefined;
  } while (next);
  return nodes;
}

/** Whether a node reports the Ready condition as True. */
export function isNodeReady(node: V1Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
