import { DATA_PLANES, type DataPlane } from '../netpol/dataplane.js';
import { isolatesEgress } from '../netpol/policy-types.js';
import { clusterNamedPorts } from '../netpol/ports.js';
import { notInEffect, policiesInEffect } from '../netpol/in-effect.js';
import { Reachability } from '../netpol/reach.js';
import { coverEveryLabelSet, selectorMatches } from '../label-selector.js';
import { IMDS_CONNECTION, IMDS_ENDPOINT } from './endpoint.js';
import type { ContainerPort, NamespaceFacts, PodFacts, PolicyFacts } from './facts.js';
import { madeByThisStep } from './ours.js';
import type { NmiReach } from './pod-identity.js';
import { podGroups, type PodGroup } from './pod-groups.js';
import { reopeningsOf, type Reopening } from './rules.js';
import type { EngineVerdict } from './engine-judge.js';

/**
 * What the namespace's policies do about 169.254.169.254:80 (as Kubernetes defines them):
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
  /** Whether an engine enforces the policies: false with none, undefined when not known. */
  enforced: boolean | undefined;
  /** Names of every policy in the namespace, and of those that isolate egress. */
  policies: string[];
  egressPolicies: string[];
  /** Pods that follow policies (not hostNetwork), and those that ignore them. */
  pods: number;
  hostNetworkPods: string[];
  /** The pods (not hostNetwork) the evaluator says can open 169.254.169.254:80 under the policies. */
  reachable: string[];
  /** Whether a pod created later without labels could open it. */
  newPodReaches: boolean;
  reopenings: ReopeningSeen[];
  /** Pods no egress policy selects, grouped by their identifying labels. */
  unisolated: PodGroup[];
  /** Whether the egress policies select every pod that may exist later, whatever its labels (`podSelector: {}`, or selectors that together leave no label set out). */
  coversFuturePods: boolean;
  /** Whether a policy created by this step is present. */
  hasOurPolicy: boolean;
  /** Policies of the namespace the engine does not enforce at all (left out of the verdict), and why. */
  ignored?: Array<{ policy: string; why: string }>;
  /** Windows pods (not hostNetwork) the engine does not enforce policies for, and why. */
  windowsUnenforced?: { pods: string[]; why: string };
  /**
   * Set while AAD Pod Identity's NMI redirects 169.254.169.254:80 on the nodes (pod-identity.ts):
   * the pods (not hostNetwork, not Windows) on nodes where it runs, and where it was seen. The
   * policies do not decide those connections, whatever `kind` says.
   */
  intercepted?: { pods: string[]; by: string };
  /**
   * Set when the engine's own policies (Cilium's, Calico's) select pods of the namespace at
   * egress: what they change, judged with the NetworkPolicies (engine-judge.ts); `kind` and
   * `reachable` then say what both together do.
   */
  engine?: EngineVerdict;
  /**
   * The engine's own policy kinds, named, when they could not be read (imds.engine-policies-unread):
   * the verdict is then the NetworkPolicies' alone, and a "blocked" one is not verified.
   */
  enginePoliciesUnread?: string;
}

/** How to judge: the data plane's rules, and whether anything enforces them. */
export interface JudgeOptions {
  plane?: DataPlane;
  enforced?: boolean | undefined;
  /** Why the engine does not enforce for Windows pods (see engine.ts), when it does not. */
  windowsUnenforced?: string;
  /** Where AAD Pod Identity's NMI redirects metadata traffic, and where it was seen. */
  nmi?: { reach: NmiReach; by: string };
  /** Every named port of the cluster's pods (`clusterNamedPorts`): Cilium resolves egress named ports against them; those of the pods given when absent. */
  clusterPorts?: readonly ContainerPort[];
}

/**
 * Evaluates one namespace by asking the reachability evaluator, for every pod and for a pod
 * created later with no labels, whether it can open TCP 80 on 169.254.169.254.
 */
export function evaluateNamespace(
  namespace: NamespaceFacts,
  allPolicies: readonly PolicyFacts[],
  allPods: readonly PodFacts[],
  options: JudgeOptions = {},
): NamespaceVerdict {
  const plane = options.plane ?? DATA_PLANES.calico;
  const policies = allPolicies.filter((p) => p.namespace === namespace.name);
  const ignored = policies.flatMap((p) => {
    const why = notInEffect(p, plane);
    return why ? [{ policy: p.name, why }] : [];
  });
  const inEffect = policiesInEffect(policies, plane);
  const pods = allPods.filter((p) => p.namespace === namespace.name);
  // Without the cluster's named ports, those of the pods given stand for them.
  const clusterPorts = options.clusterPorts ?? clusterNamedPorts(allPods);
  const reach = new Reachability({ namespaces: [namespace], policies, clusterPorts }, plane);
  const egress = inEffect.filter(isolatesEgress);
  const subject = pods.filter((p) => !p.hostNetwork);
  const answers = subject.map((pod) => ({
    pod,
    answer: reach.egress(pod, IMDS_ENDPOINT, IMDS_CONNECTION),
  }));
  const newPod = reach.egress(
    { namespace: namespace.name, labels: {} },
    IMDS_ENDPOINT,
    IMDS_CONNECTION,
  );
  const selected = (policy: PolicyFacts) =>
    subject
      .filter((pod) => selectorMatches(policy.podSelector ?? {}, pod.labels))
      .map((p) => p.name);
  const reopenings = egress.flatMap((policy) =>
    reopeningsOf(policy, plane, clusterPorts).map((r) => ({ ...r, pods: selected(policy) })),
  );
  const unisolatedPods = answers.filter((a) => !a.answer.isolated).map((a) => a.pod);
  // Several selectors can cover every label set together (app=web, and app NotIn [web]).
  const coversFuturePods = coverEveryLabelSet(egress.map((p) => p.podSelector ?? {}));
  let kind: VerdictKind;
  if (egress.length === 0) kind = 'exposed';
  else if (reopenings.length > 0) kind = 'reopened';
  else if (unisolatedPods.length > 0 || !coversFuturePods || newPod.allowed) kind = 'partial';
  else kind = 'blocked';
  return {
    namespace: namespace.name,
    kind,
    enforced: 'enforced' in options ? options.enforced : true,
    policies: policies.map((p) => p.name),
    egressPolicies: egress.map((p) => p.name),
    pods: subject.length,
    hostNetworkPods: pods.filter((p) => p.hostNetwork).map((p) => p.name),
    reachable: answers.filter((a) => a.answer.allowed).map((a) => a.pod.name),
    newPodReaches: newPod.allowed,
    reopenings,
    unisolated: podGroups(unisolatedPods),
    coversFuturePods,
    hasOurPolicy: policies.some(madeByThisStep),
    ...(ignored.length > 0 ? { ignored } : {}),
    ...windowsPart(subject, options.windowsUnenforced),
    ...nmiPart(subject, options.nmi),
  };
}

function nmiPart(
  subject: readonly PodFacts[],
  nmi: JudgeOptions['nmi'],
): Pick<NamespaceVerdict, 'intercepted'> {
  if (!nmi) return {};
  const { reach } = nmi;
  // NMI runs on Linux nodes only; a pod whose node address is not known is counted.
  const on = (p: PodFacts) =>
    reach === 'all-nodes' || p.hostIP === undefined || reach.nodes.has(p.hostIP);
  const pods = subject.filter((p) => !p.windows && on(p)).map((p) => p.name);
  return { intercepted: { pods, by: nmi.by } };
}

function windowsPart(
  subject: readonly PodFacts[],
  why: string | undefined,
): Pick<NamespaceVerdict, 'windowsUnenforced'> {
  const pods = why ? subject.filter((p) => p.windows).map((p) => p.name) : [];
  return why && pods.length > 0 ? { windowsUnenforced: { pods, why } } : {};
}
