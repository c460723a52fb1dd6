import {
  hasAksAddonName,
  isAksAddonNamespace,
  isKubernetesNamespace,
} from '../system-namespaces.js';
import type { NamespaceFacts, PodFacts } from './facts.js';

/** Why a namespace is left out of the step by default, or undefined for a user namespace. */
export type ScopeReason = string | undefined;

const EXTENSIONS = new Set(['flux-system', 'dataprotection-microsoft']);

/**
 * The documented rule for which namespaces the step leaves out unless the operator includes them:
 * 1. Kubernetes' own (kube-system, kube-public, kube-node-lease);
 * 2. AKS add-on namespaces by name AND whose pods all carry `kubernetes.azure.com/managedby=aks`
 *    (a name alone proves nothing: tenants can create a namespace with any name);
 * 3. known cluster extensions (flux-system, dataprotection-microsoft).
 * `default` and everything else are user namespaces.
 */
export function systemReason(namespace: NamespaceFacts, pods: readonly PodFacts[]): ScopeReason {
  const name = namespace.name;
  if (isKubernetesNamespace(name)) return 'Kubernetes system namespace';
  if (hasAksAddonName(name)) {
    const own = pods.filter((p) => p.namespace === name).map((p) => p.labels);
    return isAksAddonNamespace(name, own)
      ? 'AKS add-on namespace (pods managed by AKS)'
      : undefined;
  }
  if (EXTENSIONS.has(name)) return 'cluster extension namespace';
  return undefined;
}

/**
 * A warning for choosing a namespace that Kubernetes or AKS manages (by name alone: the warning
 * costs nothing when the name is borrowed). AKS add-ons there may need the metadata endpoint;
 * Microsoft lists AGIC, Container Insights, virtual nodes, Azure Policy, GitOps and the AI
 * toolchain operator as breaking when pods lose it.
 */
export function managedNamespaceWarning(name: string): string | undefined {
  if (!isKubernetesNamespace(name) && !hasAksAddonName(name) && !EXTENSIONS.has(name))
    return undefined;
  return `${name} is managed by Kubernetes or AKS: add-ons running there (Container Insights, Azure Policy, AGIC, GitOps, virtual nodes, the AI toolchain operator) may need 169.254.169.254 and can break when it is blocked.`;
}
