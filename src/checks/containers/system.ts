import { isAksAddonNamespace, isKubernetesNamespace } from '../system-namespaces.js';
import type { Workload } from './workloads.js';

/**
 * Whether a workload is AKS's own platform workload, so its findings are listed apart at info level:
 * in kube-system, kube-public or kube-node-lease with AKS's markers on every pod (`isAksManaged`),
 * or in an AKS add-on namespace (and `aks-istio-*`) with `kubernetes.azure.com/managedby: aks` on
 * every pod, because a tenant can create a namespace of that name. The Pod Security Standards exempt
 * no namespace by name: a workload installed into kube-system by the operator or a Helm chart
 * (kured, a log agent) is the operator's to fix and is reported like any other.
 */
export function isSystemWorkload(w: Workload): boolean {
  return (
    (isKubernetesNamespace(w.namespace) && isAksManaged(w)) ||
    isAksAddonNamespace(
      w.namespace,
      w.pods.map((p) => p.metadata?.labels),
    )
  );
}

/** AKS's own markers on what it deploys: its `managedby` label, or the addon-manager's mode. */
const AKS_MARKERS: ReadonlyArray<(labels: Readonly<Record<string, string>>) => boolean> = [
  (labels) => labels['kubernetes.azure.com/managedby'] === 'aks',
  (labels) =>
    ['Reconcile', 'EnsureExists'].includes(labels['addonmanager.kubernetes.io/mode'] ?? ''),
];

/**
 * Whether AKS itself deploys and changes the workload: every pod carries one of AKS's markers
 * (`kubernetes.azure.com/managedby: aks`, `addonmanager.kubernetes.io/mode`). A workload in
 * kube-system without them (kured, a Helm chart) was installed by someone else, not AKS.
 */
export function isAksManaged(w: Workload): boolean {
  return (
    w.pods.length > 0 &&
    w.pods.every((p) => {
      const labels = p.metadata?.labels ?? {};
      return AKS_MARKERS.some((marked) => marked(labels));
    })
  );
}
