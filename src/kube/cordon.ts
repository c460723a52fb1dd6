import { CoreV1Api, type KubeConfig, type V1Node } from '@kubernetes/client-node';
import { requestOptions } from './request-options.js';

/**
 * Cordons (true) or uncordons (false) a node with the strategic-merge patch kubectl sends
 * (`spec.unschedulable`; null removes it). With `dryRun` the API server only validates it.
 */
export function setNodeUnschedulable(
  kc: KubeConfig,
  node: string,
  unschedulable: boolean,
  options: { dryRun?: boolean; signal?: AbortSignal } = {},
): Promise<V1Node> {
  return kc.makeApiClient(CoreV1Api).patchNode(
    {
      name: node,
      body: { spec: { unschedulable: unschedulable ? true : null } },
      ...(options.dryRun ? { dryRun: 'All' } : {}),
    },
    requestOptions(options.signal, { 'Content-Type': 'application/strategic-merge-patch+json' }),
  );
}

/** Reads one node. */
export function readNode(kc: KubeConfig, node: string, signal?: AbortSignal): Promise<V1Node> {
  return kc.makeApiClient(CoreV1Api).readNode({ name: node }, requestOptions(signal));
}
