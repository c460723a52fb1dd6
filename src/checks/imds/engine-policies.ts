import type { Finding } from '../../model/finding.js';
import { dataPlaneOf, type EngineFacts } from './engine.js';

// Cilium's policies add up with NetworkPolicies (an allow in either allows); Calico's with an
// order below 1000 are evaluated before Kubernetes policies, and an Allow there ends evaluation.
// Either can open (or close) 169.254.169.254 whatever the NetworkPolicies say.
const KINDS = {
  cilium: {
    names: 'CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io)',
    how: 'they add to NetworkPolicies: an allow there allows',
    command:
      'kubectl get ciliumnetworkpolicies.cilium.io -A; kubectl get ciliumclusterwidenetworkpolicies.cilium.io',
  },
  calico: {
    names: 'Calico NetworkPolicy and GlobalNetworkPolicy (projectcalico.org)',
    how: 'those ordered below 1000 run before NetworkPolicies and an Allow there ends evaluation',
    command:
      'kubectl get networkpolicies.crd.projectcalico.org -A; kubectl get globalnetworkpolicies.crd.projectcalico.org',
  },
} as const;

/**
 * The finding that the engine's own policy kinds were not judged: on Cilium and Calico when they
 * were not read, or when some exist. A namespace judged blocked is then blocked by its
 * NetworkPolicies, with the engine's policies not read: never a silent pass.
 */
export function enginePolicyFindings(
  engine: EngineFacts,
  read: ReadonlyArray<{ kind: string; count: number }> | undefined,
): Finding[] {
  const plane = dataPlaneOf(engine);
  if (!engine.known || (plane?.name !== 'cilium' && plane?.name !== 'calico')) return [];
  const present = (read ?? []).filter((k) => k.count > 0);
  if (read && present.length === 0) return [];
  const kinds = KINDS[plane.name];
  const what = read
    ? `${present.map((k) => `${k.count} ${k.kind}`).join(', ')} exist and were not judged`
    : `were not read`;
  return [
    {
      id: 'imds.engine-policies-unread',
      severity: 'medium',
      object: { kind: 'ManagedCluster', name: engine.cluster },
      message: `The engine's own policies, ${kinds.names}, ${what}: ${kinds.how}, so they can open or close 169.254.169.254 whatever the NetworkPolicies say. A namespace judged blocked here is blocked by its NetworkPolicies; the engine's policies were not read.`,
      remediation: `Check them by hand (${kinds.command}) for rules allowing 169.254.169.254, or confirm with the probe from a pod.`,
    },
  ];
}
