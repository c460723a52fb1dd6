import type { DataPlane } from '../netpol/dataplane.js';
import type { NamespaceFacts, PodFacts } from '../netpol/model.js';
import type { Endpoint } from '../netpol/peers.js';
import type { Connection } from '../netpol/ports.js';
import { Reachability, type PolicyWorld, type SourcePod } from '../netpol/reach.js';
import type { EgressSample } from '../netpol/sample.js';
import { calicoHolders } from './calico.js';
import { ciliumHolders } from './cilium.js';
import { planesToCheck, type EngineFacts } from './engine.js';
import { engineRulesOf, type EngineRules } from './engine-judge.js';
import type { EngineKindRead } from './engine-kinds.js';

// A NetworkPolicy change is judged with the engine's own policies, from the engines' documents:
// - Cilium: once a rule puts a pod into default deny at egress, what it may reach is the union of
//   every allow, Cilium's and the NetworkPolicies' (a deny wins over all of them). A pod no
//   NetworkPolicy selects then gets nothing from them, so a NetworkPolicy that selects it adds
//   its allows to the Cilium allow-list: "all but the endpoint" opens everything else.
// - Calico: NetworkPolicies are the policies at order 1000 of the default tier; the first Allow
//   or Deny decides, and a packet no NetworkPolicy allows goes on to the Calico policies after
//   them (dropped only at the tier's end). A NetworkPolicy allow is taken before a later Calico
//   Deny, and its isolation closes nothing a later Calico Allow opens.
// Either way, for a pod the engine's policies hold at egress, a change is safe only if no
// NetworkPolicy rule newly allows it anything; elsewhere the Kubernetes reading is exact.

type Engine = 'cilium' | 'calico';

const ENGINE_NAME: Record<Engine, string> = { cilium: 'Cilium', calico: 'Calico' };

const HOW: Record<Engine, string> = {
  cilium: 'Cilium adds them to what that policy allows',
  calico: 'Calico takes them (order 1000) before any Calico Deny ordered after',
};

function isEngine(name: DataPlane['name']): name is Engine {
  return name === 'cilium' || name === 'calico';
}

/** The engines whose own policies a change must be judged with: those of every plane it must hold on. */
function enginesToCheck(engine: EngineFacts): Engine[] {
  return planesToCheck(engine)
    .map((p) => p.name)
    .filter(isEngine);
}

/**
 * Why no NetworkPolicy change can be judged safe: a policy kind of an engine the cluster may run
 * could not be read (refused or failed), so what the change adds to it is not known; undefined
 * when every such kind was read or is not served. Facts that never asked (`reads` absent: the
 * step always asks; hand-written facts may not) hold nothing to judge.
 */
export function engineUnread(
  engine: EngineFacts,
  reads: readonly EngineKindRead[] | undefined,
): string | undefined {
  const engines = enginesToCheck(engine);
  const unread = (reads ?? []).filter((r) => engines.includes(r.engine) && 'unread' in r);
  if (unread.length === 0) return undefined;
  const kinds = unread.map((r) => `${r.kind} (${r.apiVersion})`).join(', ');
  return `${kinds} could not be read, and a NetworkPolicy here could widen what those policies restrict`;
}

/** The engine policies of each plane a change must be safe on, where any were read. */
export function engineRulesToCheck(
  engine: EngineFacts,
  reads: readonly EngineKindRead[] | undefined,
): Map<Engine, EngineRules> {
  const out = new Map<Engine, EngineRules>();
  for (const name of enginesToCheck(engine)) {
    const rules = engineRulesOf(name, reads ?? []);
    if (rules) out.set(name, rules);
  }
  return out;
}

/** The engine policies that hold the pod's egress (or may), on the engine they belong to. */
export function holdersOf(
  rules: EngineRules,
  pod: Pick<SourcePod, 'namespace' | 'labels'>,
  namespace: NamespaceFacts | undefined,
): string[] {
  const subject = {
    namespace: pod.namespace,
    namespaceLabels: namespace?.labels ?? { 'kubernetes.io/metadata.name': pod.namespace },
    labels: pod.labels,
  };
  return rules.engine === 'cilium'
    ? ciliumHolders(rules.rules, subject)
    : calicoHolders(rules.policies, subject);
}

/** A pod of the namespace (not hostNetwork), each label set once, and a pod created later with none. */
function sourcesOf(namespace: string, pods: readonly PodFacts[]) {
  const seen = new Map<string, { pod: SourcePod; label: string }>();
  for (const p of pods) {
    if (p.namespace !== namespace || p.hostNetwork) continue;
    const key = JSON.stringify(Object.entries(p.labels).sort());
    if (!seen.has(key))
      seen.set(key, { pod: { namespace, labels: p.labels }, label: `pod ${p.name}` });
  }
  return [...seen.values(), { pod: { namespace, labels: {} }, label: 'a new pod with no labels' }];
}

/**
 * Why the engine's own policies forbid this step's namespace-wide policy (allow all but the
 * endpoint) in `namespace`: a kind unread, or an engine policy holding some pod's egress there,
 * now or a pod created later; undefined when none does.
 */
export function namespaceHold(
  engine: EngineFacts,
  reads: readonly EngineKindRead[] | undefined,
  rules: ReadonlyMap<Engine, EngineRules>,
  namespace: NamespaceFacts,
  pods: readonly PodFacts[],
): string | undefined {
  const unread = engineUnread(engine, reads);
  if (unread) return unread;
  const sources = sourcesOf(namespace.name, pods);
  for (const [name, set] of rules) {
    for (const { pod, label } of sources) {
      const by = holdersOf(set, pod, namespace);
      if (by.length > 0)
        return `${heldWords(name, by, label)}; a NetworkPolicy allowing all but 169.254.169.254 would give it allows, and ${HOW[name]}`;
    }
  }
  return undefined;
}

function heldWords(engine: Engine, by: readonly string[], source: string): string {
  const what =
    by.length > 2 ? `${by.slice(0, 2).join(', ')} and ${by.length - 2} more` : by.join(', ');
  return `on ${ENGINE_NAME[engine]}, ${what} already restricts the egress of ${source}`;
}

/** Whether a NetworkPolicy rule allows the connection (not: no policy selects the pod). */
function ruleAllows(
  reach: Reachability,
  pod: SourcePod,
  destination: Endpoint,
  connection: Connection,
): boolean {
  const side = reach.egress(pod, destination, connection);
  return side.isolated && side.allowed;
}

/** What a change is judged with besides the NetworkPolicies: the engine's policies and pods. */
export interface EngineContext {
  namespace: NamespaceFacts | undefined;
  pods: readonly PodFacts[];
  rules: ReadonlyMap<Engine, EngineRules>;
}

/**
 * Why the change widens what the engine's own policies restrict, or undefined: for every pod
 * (each label set, and one created later) an engine policy holds at egress, on the plane of that
 * engine, whether a NetworkPolicy rule allows it a sampled connection after the change that no
 * rule allowed before. Not being selected at all counts as no allow here, not as "everything".
 */
export function engineWidening(
  context: EngineContext,
  namespace: string,
  before: PolicyWorld,
  after: PolicyWorld,
  sample: EgressSample,
  planes: readonly DataPlane[],
): string | undefined {
  const sources = [
    ...sourcesOf(namespace, context.pods),
    // Pods the sample adds (created later with the labels of a policy's selector).
    ...sample.sources,
  ];
  for (const plane of planes) {
    if (!isEngine(plane.name)) continue;
    const rules = context.rules.get(plane.name);
    if (!rules) continue;
    const was = new Reachability(before, plane);
    const now = new Reachability(after, plane);
    for (const { pod, label } of sources) {
      const by = holdersOf(rules, pod, context.namespace);
      if (by.length === 0) continue;
      for (const destination of sample.destinations) {
        for (const connection of sample.connections) {
          if (!ruleAllows(now, pod, destination.endpoint, connection)) continue;
          if (ruleAllows(was, pod, destination.endpoint, connection)) continue;
          return `${heldWords(plane.name, by, label)}; the change gives it NetworkPolicy allows it did not have (to ${destination.label} ${connection.protocol}/${connection.port}), and ${HOW[plane.name]}`;
        }
      }
    }
  }
  return undefined;
}
