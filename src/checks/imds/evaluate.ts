import type { NamespaceFacts, PodFacts, PolicyFacts } from './facts.js';
import { isOurPolicy } from './facts.js';
import { isolatesEgress, reopeningsOf, type Reopening } from './rules.js';
import { selectorMatches, selectsEverything } from './selector.js';
import { podGroups, type PodGroup } from './pod-groups.js';

/**
 * blocked: every pod, now and later, is egress-isolated and no rule allows the endpoint.
 * exposed: no policy isolates egress in the namespace at all.
 * reopened: a rule of an egress policy allows the endpoint.
 * partial: some pods (or pods created later) are not egress-isolated.
 */
export type VerdictKind = 'blocked' | 'exposed' | 'reopened' | 'partial';

/** A rule that opens the endpoint, with the pods it opens it for today. */
export interface ReopeningSeen extends Reopening {
  pods: string[];
}

/** What the evaluation found for one namespace. */
export interface NamespaceVerdict {
  namespace: string;
  kind: VerdictKind;
  /** Names of every policy in the namespace, and of those that isolate egress. */
  policies: string[];
  egressPolicies: string[];
  /** Pods that follow policies (not hostNetwork), and those that ignore them. */
  pods: number;
  hostNetworkPods: string[];
  reopenings: ReopeningSeen[];
  /** Pods no egress policy selects, grouped by their identifying labels. */
  unisolated: PodGroup[];
  /** Whether a `podSelector: {}` egress policy covers pods that do not exist yet. */
  coversFuturePods: boolean;
  /** Whether a policy created by this step is present. */
  hasOurPolicy: boolean;
}

/** Evaluates one namespace with NetworkPolicy union semantics (see reference §4). */
export function evaluateNamespace(
  namespace: NamespaceFacts,
  allPolicies: readonly PolicyFacts[],
  allPods: readonly PodFacts[],
): NamespaceVerdict {
  const policies = allPolicies.filter((p) => p.namespace === namespace.name);
  const pods = allPods.filter((p) => p.namespace === namespace.name);
  const egress = policies.filter(isolatesEgress);
  const subject = pods.filter((p) => !p.hostNetwork);
  const selected = (policy: PolicyFacts) =>
    subject.filter((pod) => selectorMatches(policy.podSelector, pod.labels)).map((p) => p.name);
  const reopenings = egress.flatMap((policy) =>
    reopeningsOf(policy).map((r) => ({ ...r, pods: selected(policy) })),
  );
  const unisolatedPods = subject.filter(
    (pod) => !egress.some((p) => selectorMatches(p.podSelector, pod.labels)),
  );
  const coversFuturePods = egress.some((p) => selectsEverything(p.podSelector));
  let kind: VerdictKind;
  if (egress.length === 0) kind = 'exposed';
  else if (reopenings.length > 0) kind = 'reopened';
  else if (unisolatedPods.length > 0 || !coversFuturePods) kind = 'partial';
  else kind = 'blocked';
  return {
    namespace: namespace.name,
    kind,
    policies: policies.map((p) => p.name),
    egressPolicies: egress.map((p) => p.name),
    pods: subject.length,
    hostNetworkPods: pods.filter((p) => p.hostNetwork).map((p) => p.name),
    reopenings,
    unisolated: podGroups(unisolatedPods),
    coversFuturePods,
    hasOurPolicy: policies.some(isOurPolicy),
  };
}
