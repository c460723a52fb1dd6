/**
 * AAD Pod Identity (the open-source project, and AKS's pod-managed identity add-on built on it).
 * Its NMI DaemonSet runs with the node's network and adds iptables rules that redirect "all
 * non-host traffic with IMDS endpoint on port 80 as destination to the NMI endpoint"
 * (azure.github.io/aad-pod-identity/docs/concepts/nmi). The redirect happens on the node before
 * a NetworkPolicy engine sees the connection as one to 169.254.169.254, so an `except` of that
 * address does not stop it: NMI answers with tokens for the identities bound to the pod, passes
 * other metadata requests on to IMDS, and lets pods matching an AzurePodIdentityException talk
 * to IMDS itself. AKS deprecated pod-managed identity in favour of Workload ID
 * (learn.microsoft.com/azure/aks/use-azure-ad-pod-identity).
 */

/** Where the step saw AAD Pod Identity: NMI pods, and the AKS add-on in the managed cluster. */
export interface PodIdentityFacts {
  /** Running NMI pods, `namespace/name`, with the node address each redirects on. */
  nmiPods: Array<{ pod: string; hostIP?: string }>;
  /** `podIdentityProfile.enabled` on the managed cluster (the AKS add-on). */
  addon: boolean;
}

/** What a pod must show for `isNmiPod`: its network, its containers' names, its phase. */
export interface NmiCandidate {
  hostNetwork?: boolean;
  containers: ReadonlyArray<{ name: string }>;
  phase?: string;
}

/**
 * Whether a pod is AAD Pod Identity's NMI: every manifest of the project (Helm chart, the plain
 * deployment files, the AKS add-on) names its container `nmi` and runs it on the node's network,
 * which it needs to own the node's iptables. A finished pod redirects nothing.
 */
export function isNmiPod(pod: NmiCandidate): boolean {
  if (pod.hostNetwork !== true) return false;
  if (pod.phase === 'Succeeded' || pod.phase === 'Failed') return false;
  return pod.containers.some((c) => c.name === 'nmi');
}

/** How NMI bears on the verdicts: the node addresses it redirects on, or every node. */
export type NmiReach = { nodes: ReadonlySet<string> } | 'all-nodes';

/** Whether NMI intercepts metadata traffic on this cluster, and where; undefined when it does not. */
export function nmiReach(facts: PodIdentityFacts | undefined): NmiReach | undefined {
  if (!facts) return undefined;
  const known = facts.nmiPods.flatMap((p) => (p.hostIP ? [p.hostIP] : []));
  if (facts.nmiPods.length > 0 && known.length === facts.nmiPods.length)
    return { nodes: new Set(known) };
  // The add-on runs NMI on every Linux node; a pod whose node is not known is counted too.
  if (facts.nmiPods.length > 0 || facts.addon) return 'all-nodes';
  return undefined;
}

/** Where the finding says NMI was seen. */
export function nmiSource(facts: PodIdentityFacts): string {
  const pods = facts.nmiPods.map((p) => p.pod);
  const shown = pods.slice(0, 3).join(', ');
  const seen =
    pods.length > 0
      ? `NMI pod${pods.length === 1 ? '' : 's'} ${shown}${pods.length > 3 ? ` and ${pods.length - 3} more` : ''}`
      : '';
  const addon = facts.addon ? 'the AKS pod identity add-on (podIdentityProfile.enabled)' : '';
  return [addon, seen].filter(Boolean).join(', ');
}
