import {
  hasAksAddonName,
  isAksAddonNamespace,
  isKubernetesNamespace,
} from '../system-namespaces.js';
import type { NamespaceFacts, PodFacts } from './facts.js';

/** Why a namespace is left out of the step by default, or undefined for a user namespace. */
export type ScopeReason = string | undefined;

// Namespaces AKS cluster extensions install into: Flux (GitOps) and Azure Backup. The AKS IMDS
// restriction article lists GitOps among the features that break without the endpoint. Anyone can
// create a namespace with these names and nothing in the namespace proves an extension made it,
// so the name never exempts it from the verdict: it only keeps it out of the default choice.
const EXTENSIONS = new Set(['flux-system', 'dataprotection-microsoft']);

/**
 * The documented rule for which namespaces the step leaves out of its findings unless the operator
 * includes them:
 * 1. Kubernetes' own (kube-system, kube-public, kube-node-lease);
 * 2. AKS add-on namespaces by name AND whose pods all carry `kubernetes.azure.com/managedby=aks`
 *    (a name alone proves nothing: tenants can create a namespace with any name).
 * `default`, cluster extension namespaces (see `optInReason`) and everything else are user
 * namespaces: their verdicts are findings.
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
  return undefined;
}

/**
 * Why a user namespace is reported but not chosen for the change by default, or undefined: a
 * cluster extension's namespace name (the extension may need the endpoint, so the operator
 * chooses it knowingly after reading the warning).
 */
export function optInReason(name: string): string | undefined {
  return EXTENSIONS.has(name)
    ? 'cluster extension namespace name (Flux/GitOps, Azure Backup): choose it yourself'
    : undefined;
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
