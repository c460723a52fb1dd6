import { CoreV1Api, type KubeConfig, type V1Node, type V1Pod } from '@kubernetes/client-node';

/** The nodes of one AKS pool, by AKS's agentpool label. */
export async function listPoolNodes(kc: KubeConfig, pool: string): Promise<V1Node[]> {
  const api = kc.makeApiClient(CoreV1Api);
  const list = await api.listNode({ labelSelector: `kubernetes.azure.com/agentpool=${pool}` });
  return list.items;
}

/** Pods a drain has to evict from a node: everything but DaemonSet and mirror pods. */
export async function evictablePodsOn(kc: KubeConfig, node: string): Promise<V1Pod[]> {
  const api = kc.makeApiClient(CoreV1Api);
  const list = await api.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` });
  return list.items.filter(
    (p) =>
      !(p.metadata?.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet') &&
      p.metadata?.annotations?.['kubernetes.io/config.mirror'] === undefined &&
      p.status?.phase !== 'Succeeded' &&
      p.status?.phase !== 'Failed',
  );
}
