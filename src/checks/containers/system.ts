import { isAksAddonNamespace, isKubernetesNamespace } from '../system-namespaces.js';
import type { Workload } from './workloads.js';

/**
 * Whether a workload belongs to the platform, so its findings are listed apart at info level.
 * kube-system, kube-public and kube-node-lease always are. The AKS add-on namespaces (and
 * `aks-istio-*`) are only when every pod carries `kubernetes.azure.com/managedby: aks`, because a
 * tenant can create a namespace of that name; `default` is a user namespace. Never a label alone.
 */
export function isSystemWorkload(w: Workload): boolean {
  return (
    isKubernetesNamespace(w.namespace) ||
    isAksAddonNamespace(
      w.namespace,
      w.pods.map((p) => p.metadata?.labels),
    )
  );
}
