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
