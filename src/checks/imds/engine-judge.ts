import type { DataPlane } from '../netpol/dataplane.js';
import type { ContainerPort, NamespaceFacts, PodFacts, PolicyFacts } from '../netpol/model.js';
import type { LabelSelector } from '../../model/label-selector.js';
import { selectorMatches } from '../label-selector.js';
import { Reachability, type SideAnswer } from '../netpol/reach.js';
import { calicoEgress, calicoPolicies } from './calico.js';
import { ciliumEgress, ciliumRules } from './cilium.js';
import { IMDS_CONNECTION, IMDS_ENDPOINT } from './endpoint.js';
import type { EngineKindRead } from './engine-kinds.js';

/** A pod as an engine's policies see it. */
export interface EngineSubject {
  namespace: string;
  namespaceLabels: Record<string, string>;
  labels: Record<string, string>;
  ip?: string;
}

/** What the NetworkPolicies alone say of the pod's egress to the endpoint. */
export interface K8sEgress {
  isolated: boolean;
  /** Allowed: not isolated, or a rule allows. */
  allowed: boolean;
  /** The NetworkPolicies isolating its egress, and those with a rule allowing the endpoint. */
  selectedBy: string[];
  allowedBy: string[];
}

/** What the engine, its own policies and the NetworkPolicies together make of one pod. */
export interface EngineAnswer {
  outcome: 'allowed' | 'blocked' | 'unknown';
  /** The engine policies that decided it (or that leave it undecided). */
  by: string[];
  /** Every engine policy that selects the pod at egress (or may). */
  touching: string[];
  /** For a block by engine policies: whether they select every pod of the namespace, whatever its labels. */
  wholeNamespace: boolean;
}

/** The engine's own policies, ready to judge: Cilium's rules or Calico's policies. */
export type EngineRules =
  | { engine: 'cilium'; rules: ReturnType<typeof ciliumRules> }
  | { engine: 'calico'; policies: ReturnType<typeof calicoPolicies> };

/**
 * The engine's policies from what was read, for the engine the cluster runs; undefined when
 * none of its kinds holds an object (nothing to judge).
 */
export function engineRulesOf(
  plane: DataPlane['name'],
  reads: readonly EngineKindRead[],
): EngineRules | undefined {
  const mine = reads.filter(
    (r): r is Extract<EngineKindRead, { objects: unknown }> =>
      r.engine === plane && 'objects' in r && r.objects.length > 0,
  );
  if (mine.length === 0) return undefined;
  if (plane === 'cilium')
    return { engine: 'cilium', rules: mine.flatMap((r) => ciliumRules(r.kind, r.objects)) };
  return {
    engine: 'calico',
    policies: mine.flatMap((r) =>
      calicoPolicies(r.kind, r.objects, r.kind === 'GlobalNetworkPolicy'),
    ),
  };
}

/** What the engine's own policies change in one namespace. */
export interface EngineVerdict {
  /** Every pod now, and one created later whatever its labels, is kept from the endpoint. */
  allBlocked: boolean;
  /** Engine policies that keep pods from the endpoint where NetworkPolicies alone would not. */
  blocks: string[];
  /** Engine policies that let pods reach it where NetworkPolicies alone would not, and which pods. */
  opens: Array<{ policy: string; pods: string[] }>;
  /** Engine policies that leave a pod's access not known, and which pods. */
  unknown: Array<{ policy: string; pods: string[] }>;
  /** Every engine policy selecting some pod of the namespace at egress. */
  touching: string[];
  /** Pods (not hostNetwork) still able to reach it, by the engine and the policies together. */
  reachable: string[];
  /**
   * NetworkPolicies re-opening the endpoint whose pods, now and later, an engine policy keeps from
   * it all the same (a deny that wins, whatever their labels): their rules open nothing.
   */
  held: string[];
}

/** A label set the selector selects (its fewest labels), or undefined when it selects none. */
function labelsSelectedBy(selector: LabelSelector): Record<string, string> | undefined {
  const labels: Record<string, string> = { ...selector.matchLabels };
  for (const req of selector.matchExpressions ?? []) {
    if (req.operator === 'In' && !(req.key in labels) && req.values?.[0] !== undefined)
      labels[req.key] = req.values[0];
    if (req.operator === 'Exists' && !(req.key in labels)) labels[req.key] = 'x';
  }
  return selectorMatches(selector, labels) ? labels : undefined;
}

/** The NetworkPolicies' answer for one pod, as the engines' judges take it. */
function k8sEgress(side: SideAnswer): K8sEgress {
  return {
    isolated: side.isolated,
    allowed: side.allowed,
    selectedBy: side.selectedBy,
    allowedBy: [...new Set(side.allowedBy.map((r) => r.policy))],
  };
}

/** A pod created later with no labels of its own stands for pods to come. */
const NEW_POD = '(a pod created later)';

function group(into: Map<string, string[]>, policies: readonly string[], pod: string): void {
  for (const p of policies) into.set(p, [...(into.get(p) ?? []), pod]);
}

/**
 * Judges one namespace's pods (not hostNetwork ones) with the engine's own policies and the
 * NetworkPolicies together; undefined when no engine policy selects any of them at egress.
 */
export function engineVerdict(
  namespace: NamespaceFacts,
  pods: readonly PodFacts[],
  policies: readonly PolicyFacts[],
  rules: EngineRules,
  plane: DataPlane,
  clusterPorts: readonly ContainerPort[],
  /** Whether the NetworkPolicies isolate every pod to come, whatever its labels. */
  k8sCoversFuture: boolean,
  /** NetworkPolicies with a rule re-opening the endpoint: their pods to come are judged too. */
  reopening: readonly PolicyFacts[] = [],
): EngineVerdict | undefined {
  const reach = new Reachability({ namespaces: [namespace], policies, clusterPorts }, plane);
  // Where egress named ports resolve across the cluster (Cilium), a pod created later anywhere may
  // name a port 80 after a rule's named port: asked with no cluster ports, the NetworkPolicies say
  // what they allow now or later (netpol/rules.ts), which "every pod is blocked" must hold against.
  const later = plane.egressNamedPortsClusterWide
    ? new Reachability({ namespaces: [namespace], policies }, plane)
    : undefined;
  const subjects = [
    ...pods.filter((p) => !p.hostNetwork).map((p) => ({ name: p.name, pod: p })),
    { name: NEW_POD, pod: { namespace: namespace.name, labels: {} } as Partial<PodFacts> },
  ];
  // A pod created later that a re-opening policy selects: its rule lets it through unless an
  // engine policy wins over it for every such pod (Cilium: a deny; Calico: one ordered first).
  const reopener = new Map<string, string>();
  for (const p of reopening) {
    const labels = labelsSelectedBy(p.podSelector ?? {});
    if (!labels) continue;
    const name = `(a pod created later selected by ${p.name})`;
    reopener.set(name, p.name);
    subjects.push({ name, pod: { namespace: namespace.name, labels } });
  }
  const held: string[] = [];
  const opens = new Map<string, string[]>();
  const unknown = new Map<string, string[]>();
  const blocks = new Set<string>();
  const touching = new Set<string>();
  const reachable: string[] = [];
  let allBlocked = true;
  for (const { name, pod } of subjects) {
    const source = { namespace: namespace.name, labels: pod.labels ?? {} };
    const k8s = k8sEgress(reach.egress(source, IMDS_ENDPOINT, IMDS_CONNECTION));
    const subject: EngineSubject = {
      namespace: namespace.name,
      namespaceLabels: namespace.labels,
      labels: pod.labels ?? {},
      ...(pod.ip ? { ip: pod.ip } : {}),
    };
    const judge = (side: K8sEgress) =>
      rules.engine === 'cilium'
        ? ciliumEgress(rules.rules, subject, side, clusterPorts)
        : calicoEgress(rules.policies, subject, side);
    const answer = judge(k8s);
    // Blocked today only while no pod names a port 80 after a named port that allows it: not a
    // block of pods now and later (the NetworkPolicy verdict names the rule).
    const k8sLater = later && k8sEgress(later.egress(source, IMDS_ENDPOINT, IMDS_CONNECTION));
    if (
      answer.outcome === 'blocked' &&
      k8sLater?.allowed === true &&
      !k8s.allowed &&
      judge(k8sLater).outcome !== 'blocked'
    )
      allBlocked = false;
    for (const t of answer.touching) touching.add(t);
    const reopens = reopener.get(name);
    if (reopens !== undefined) {
      // Held only by an engine policy that selects every such pod, whatever its other labels.
      if (answer.outcome === 'blocked' && answer.by.length > 0 && answer.wholeNamespace)
        held.push(reopens);
      else allBlocked = false;
      if (answer.outcome === 'unknown')
        group(unknown, answer.by.length > 0 ? answer.by : answer.touching, name);
      continue;
    }
    if (answer.outcome === 'unknown') {
      group(unknown, answer.by.length > 0 ? answer.by : answer.touching, name);
      allBlocked = false;
    } else if (answer.outcome === 'allowed') {
      if (!k8s.allowed) group(opens, answer.by, name);
      if (name !== NEW_POD) reachable.push(name);
      allBlocked = false;
    } else {
      if (k8s.allowed) for (const b of answer.by) blocks.add(b);
      // A block by engine policies that pick pods by their labels says nothing of other labels.
      const covered =
        (answer.by.length > 0 && answer.wholeNamespace) || (!k8s.allowed && k8sCoversFuture);
      if (name === NEW_POD && !covered) allBlocked = false;
    }
  }
  if (touching.size === 0) return undefined;
  return {
    allBlocked,
    blocks: [...blocks],
    opens: [...opens].map(([policy, p]) => ({ policy, pods: p })),
    unknown: [...unknown].map(([policy, p]) => ({ policy, pods: p })),
    touching: [...touching],
    reachable,
    held,
  };
}
