import type { Workload } from './workloads.js';

/** Namespaces that only the platform uses, whatever runs in them. */
const PLATFORM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Namespaces AKS and its add-ons create; system only when the pods also carry AKS's mark. */
const AKS_NAMESPACES = [
  'gatekeeper-system',
  'azure-arc',
  'azure-extensions-usage-system',
  'calico-system',
  'tigera-operator',
  'app-routing-system',
  'aks-command',
];

/**
 * Whether a workload belongs to the platform, so its findings are listed apart at info level.
 * kube-system, kube-public and kube-node-lease always are. The AKS add-on namespaces (and
 * `aks-istio-*`) are only when every pod carries `kubernetes.azure.com/managedby: aks`, because a
 * tenant can create a namespace of that name; `default` is a user namespace. Never a label alone.
 */
export function isSystemWorkload(w: Workload): boolean {
  if (PLATFORM_NAMESPACES.has(w.namespace)) return true;
  const aksNamespace = AKS_NAMESPACES.includes(w.namespace) || w.namespace.startsWith('aks-istio-');
  return (
    aksNamespace &&
    w.pods.length > 0 &&
    w.pods.every((p) => p.metadata?.labels?.['kubernetes.azure.com/managedby'] === 'aks')
  );
}
