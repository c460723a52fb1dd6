import type { Finding } from '../../model/finding.js';
import { dataPlaneOf, type EngineFacts } from './engine.js';
import type { EngineKindRead } from './engine-kinds.js';

// Cilium's policies add up with NetworkPolicies (an allow in either allows, a deny in either
// wins); Calico's are ordered with them, and one taken before them ends the evaluation. Either
// can open (or close) 169.254.169.254 whatever the NetworkPolicies say, so when they could not
// be read every verdict on the cluster rests on an unread fact.
const KINDS = {
  cilium: {
    names: 'CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (cilium.io)',
    how: 'an allow there adds to the NetworkPolicies and a deny there wins over them',
    command:
      'kubectl get ciliumnetworkpolicies.cilium.io -A; kubectl get ciliumclusterwidenetworkpolicies.cilium.io',
    rbac: 'ciliumnetworkpolicies and ciliumclusterwidenetworkpolicies in cilium.io',
  },
  calico: {
    names: 'Calico NetworkPolicy and GlobalNetworkPolicy (projectcalico.org)',
    how: 'those ordered before the NetworkPolicies decide first',
    command:
      'kubectl get networkpolicies.crd.projectcalico.org -A; kubectl get globalnetworkpolicies.crd.projectcalico.org',
    rbac: 'networkpolicies and globalnetworkpolicies in crd.projectcalico.org (or projectcalico.org)',
  },
} as const;

/** The engine's kinds and those of them unread, when its own policies are a hole in the verdicts. */
function unreadHole(engine: EngineFacts, read: readonly EngineKindRead[] | undefined) {
  const plane = dataPlaneOf(engine);
  if (!engine.known || (plane?.name !== 'cilium' && plane?.name !== 'calico')) return undefined;
  const unread = (read ?? []).filter(
    (k): k is Extract<EngineKindRead, { unread: string }> =>
      k.engine === plane.name && 'unread' in k,
  );
  if (read && unread.length === 0) return undefined;
  return { kinds: KINDS[plane.name], unread };
}

/**
 * The engine's own policy kinds, named, when they could not be read (or were not) on Cilium or
 * Calico: a namespace the NetworkPolicies block may still be opened by them. Undefined otherwise.
 */
export function enginePoliciesUnread(
  engine: EngineFacts,
  read: readonly EngineKindRead[] | undefined,
): string | undefined {
  return unreadHole(engine, read)?.kinds.names;
}

/**
 * The finding that the engine's own policy kinds could not be read (refused, failed, or not
 * asked) on Cilium or Calico: a namespace judged blocked may not be. None when every kind was
 * read or is not served (no such CRD: nothing to judge).
 */
export function enginePolicyFindings(
  engine: EngineFacts,
  read: readonly EngineKindRead[] | undefined,
): Finding[] {
  const hole = unreadHole(engine, read);
  if (!hole || !engine.known) return [];
  const { kinds, unread } = hole;
  const what = read
    ? `could not be read (${unread.map((k) => `${k.kind} ${k.apiVersion}: ${k.unread}`).join('; ')})`
    : 'were not read';
  return [
    {
      id: 'imds.engine-policies-unread',
      severity: 'medium',
      object: { kind: 'ManagedCluster', name: engine.cluster },
      message: `The engine's own policies, ${kinds.names}, ${what}: ${kinds.how}, so they can open or close 169.254.169.254 whatever the NetworkPolicies say. A namespace judged blocked here is blocked by its NetworkPolicies alone; whether the engine's policies change that is not known.`,
      remediation: `Ask for list on ${kinds.rbac} and re-run the step, or check them by hand (${kinds.command}) for rules allowing 169.254.169.254.`,
    },
  ];
}
