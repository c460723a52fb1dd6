import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  type KubeConfig,
  type V1Node,
  type V1Pod,
} from '@kubernetes/client-node';

/** The nodes of one AKS pool, by AKS's agentpool label. */
export async function listPoolNodes(kc: KubeConfig, pool: string): Promise<V1Node[]> {
  const api = kc.makeApiClient(CoreV1Api);
  const list = await api.listNode({ labelSelector: `kubernetes.azure.com/agentpool=${pool}` });
  return list.items;
}

/** Every pod bound to a node, whatever its phase or owner (the caller decides what a drain moves). */
export async function podsOnNode(kc: KubeConfig, node: string): Promise<V1Pod[]> {
  const api = kc.makeApiClient(CoreV1Api);
  const list = await api.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` });
  return list.items;
}

/**
 * Which of the DaemonSets `refs` (`namespace/name`) may exist: those a GET finds, and those it
 * could not tell (refused, failed), so that only a DaemonSet the API server says is gone (404)
 * makes its pods count as orphans. One GET per DaemonSet, remembered in `known` (undefined: not
 * told). `unread` says whether any could not be told: their pods, if orphans, were not counted.
 */
export async function daemonSetsNotGone(
  kc: KubeConfig,
  refs: Iterable<string>,
  known: Map<string, Promise<boolean | undefined>>,
): Promise<{ notGone: Set<string>; unread: boolean }> {
  const api = kc.makeApiClient(AppsV1Api);
  const names = [...new Set(refs)];
  const answers = await Promise.all(
    names.map((ref) => {
      let gone = known.get(ref);
      if (!gone) {
        const [namespace, name] = ref.split('/') as [string, string];
        gone = api.readNamespacedDaemonSet({ namespace, name }).then(
          () => false,
          (error: unknown) =>
            error instanceof ApiException && error.code === 404 ? true : undefined,
        );
        known.set(ref, gone);
      }
      return gone;
    }),
  );
  return {
    notGone: new Set(names.filter((_, i) => answers[i] !== true)),
    unread: answers.some((a) => a === undefined),
  };
}
