/** Which Entra ID integration a cluster has: AKS-managed, the retired app-based one, or none. */
export type EntraMode = 'managed' | 'legacy' | 'off';

/** The aadProfile fields the mode is read from (ARM's names; Resource Graph rows map to them). */
export interface EntraProfileFacts {
  managed?: boolean;
  enableAzureRbac?: boolean;
  serverAppID?: string;
}

/**
 * The cluster's Entra ID mode. Azure RBAC for Kubernetes exists only with AKS-managed Entra ID
 * (AKS refuses it otherwise), so `enableAzureRBAC: true` says managed even where `managed` is
 * left out; a server app id without either is the legacy integration.
 */
export function entraModeOf(aad: EntraProfileFacts | undefined): EntraMode {
  if (aad?.managed === true || aad?.enableAzureRbac === true) return 'managed';
  return aad?.serverAppID ? 'legacy' : 'off';
}

/**
 * Whether a mode counts as Entra ID on (access.entra-off is raised otherwise): only AKS-managed;
 * the legacy integration is retired and counts as off.
 */
export function entraOn(mode: EntraMode): boolean {
  return mode === 'managed';
}
