// Which namespaces belong to the platform: the one list the checks share.

/** Kubernetes' own namespaces: always the platform's, whatever runs in them. */
const KUBERNETES_OWNED = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Namespaces AKS and its add-ons create (and `aks-istio-*`). */
const AKS_ADDONS = [
  'gatekeeper-system',
  'azure-arc',
  'azure-extensions-usage-system',
  'calico-system',
  'tigera-operator',
  'app-routing-system',
  'aks-command',
];

/** The label AKS puts on the pods it manages. */
const AKS_MANAGED_LABEL = 'kubernetes.azure.com/managedby';

/** Whether the namespace is one of Kubernetes' own (kube-system, kube-public, kube-node-lease). */
export function isKubernetesNamespace(name: string): boolean {
  return KUBERNETES_OWNED.has(name);
}

/** Whether the name is one AKS add-ons use: a name alone proves nothing (tenants may take it). */
export function hasAksAddonName(name: string): boolean {
  return AKS_ADDONS.includes(name) || name.startsWith('aks-istio-');
}

/**
 * Whether an add-on-named namespace is AKS's: it has pods and every one carries AKS's
 * `managedby: aks` label. Never a label alone, never a name alone.
 */
export function isAksAddonNamespace(
  name: string,
  podLabels: ReadonlyArray<Readonly<Record<string, string>> | undefined>,
): boolean {
  return (
    hasAksAddonName(name) &&
    podLabels.length > 0 &&
    podLabels.every((labels) => labels?.[AKS_MANAGED_LABEL] === 'aks')
  );
}
