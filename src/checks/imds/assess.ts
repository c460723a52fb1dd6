import type { Finding } from '../../model/finding.js';
import {
  engineFindings,
  engineTraits,
  verdictPlanes,
  windowsUnenforced,
  type EngineFacts,
} from './engine.js';
import { evaluateNamespace } from './evaluate.js';
import type { NamespaceFacts, PodFacts, PolicyFacts } from './facts.js';
import { verdictFindings } from './findings.js';
import { nmiReach, nmiSource, type PodIdentityFacts } from './pod-identity.js';
import { optInReason, systemReason } from './scope.js';
import { enginePoliciesUnread, enginePolicyFindings } from './engine-policies.js';
import type { EngineKindRead } from './engine-kinds.js';
import { engineRulesOf, engineVerdict, type EngineVerdict } from './engine-judge.js';
import { podGroups } from './pod-groups.js';
import { engineRulesToCheck, namespaceHold } from './engine-hold.js';
import type { NamespaceVerdict } from './evaluate.js';
import { clusterNamedPorts } from '../netpol/ports.js';
import type { DataPlane } from '../netpol/dataplane.js';

/** Everything the imds step reads from the cluster. */
export interface ImdsFacts {
  engine: EngineFacts;
  namespaces: NamespaceFacts[];
  pods: PodFacts[];
  /**
   * Why the nodes could not be read, when they could not: a pod that declares no OS and whose
   * scheduling does not name Windows was then judged Linux whatever node it runs on.
   */
  nodesUnread?: string;
  policies: PolicyFacts[];
  /** AAD Pod Identity as seen in the pods and the managed cluster; absent: not looked for. */
  podIdentity?: PodIdentityFacts;
  /**
   * The engine's own policy kinds (Cilium's, Calico's) as read: not served, their objects, or why
   * they could not be read; absent: not read at all.
   */
  enginePolicies?: EngineKindRead[];
}

/** One namespace in the step: its verdict and whether it is in scope by default. */
export interface NamespaceAssessment {
  verdict: NamespaceVerdict;
  /** Why it is left out by default (system namespace), or undefined for a user namespace. */
  system?: string;
  /** A user namespace reported but not chosen by default (a cluster extension's name). */
  optIn?: string;
  /**
   * Why this step's namespace-wide policy is not offered for an exposed namespace: the engine's
   * own policies hold the egress of some pod there (on an engine the cluster may run), or could
   * not be read (engine-hold.ts).
   */
  engineHold?: string;
}

/** The whole evaluation: per-namespace verdicts and the findings. */
export interface ImdsAssessment {
  namespaces: NamespaceAssessment[];
  findings: Finding[];
}

/**
 * Evaluates every namespace. Findings cover the user namespaces (the documented rule in
 * scope.ts), plus the engine's own findings: they describe the cluster, so what the operator
 * chooses to change never adds or removes one.
 */
export function assessImds(facts: ImdsFacts): ImdsAssessment {
  // Grouped once: large clusters have hundreds of namespaces and tens of thousands of pods.
  const pods = byNamespace(facts.pods);
  const policies = byNamespace(facts.policies);
  const reach = nmiReach(facts.podIdentity);
  const judge = {
    enforced: engineTraits(facts.engine).enforces,
    windowsUnenforced: windowsUnenforced(facts.engine),
    ...(reach && facts.podIdentity ? { nmi: { reach, by: nmiSource(facts.podIdentity) } } : {}),
    clusterPorts: clusterNamedPorts(facts.pods),
  };
  const planes = verdictPlanes(facts.engine);
  const engineRules = engineRulesToCheck(facts.engine, facts.enginePolicies);
  const unread = enginePoliciesUnread(facts.engine, facts.enginePolicies);
  const namespaces = [...facts.namespaces]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((ns) => {
      const own = pods.get(ns.name) ?? [];
      const system = systemReason(ns, own);
      const optIn = system ? undefined : optInReason(ns.name);
      const mine = policies.get(ns.name) ?? [];
      // An engine's own policies are judged on its plane wherever it may run (the engine's, or
      // each plane when the engine is unknown): with no engine, nothing enforces them.
      const onPlane = (plane: DataPlane): NamespaceVerdict => {
        const k8s = evaluateNamespace(ns, mine, own, { ...judge, plane });
        const rules =
          judge.enforced !== false
            ? engineRulesOf(plane.name, facts.enginePolicies ?? [])
            : undefined;
        const reopening = mine.filter((p) => k8s.reopenings.some((r) => r.policy === p.name));
        const engine =
          rules &&
          engineVerdict(
            ns,
            own,
            mine,
            rules,
            plane,
            judge.clusterPorts,
            k8s.coversFuturePods,
            reopening,
          );
        return withEngine(k8s, engine, own);
      };
      const verdict = worstVerdict(planes, onPlane);
      const hold =
        verdict.kind === 'exposed'
          ? namespaceHold(facts.engine, facts.enginePolicies, engineRules, ns, own)
          : undefined;
      return {
        verdict: unread ? { ...verdict, enginePoliciesUnread: unread } : verdict,
        ...(system ? { system } : {}),
        ...(optIn ? { optIn } : {}),
        ...(hold ? { engineHold: hold } : {}),
      };
    });
  return {
    namespaces,
    findings: [
      ...assessmentFindings(facts.engine, namespaces),
      ...enginePolicyFindings(facts.engine, facts.enginePolicies),
    ],
  };
}

/**
 * The engine's findings and those of every user namespace; `probe`: the step offers its probe,
 * so the exposure caveat names it (else it says how to check by hand).
 */
export function assessmentFindings(
  engine: EngineFacts,
  namespaces: readonly NamespaceAssessment[],
  probe = false,
): Finding[] {
  return [
    ...engineFindings(engine),
    ...namespaces
      .filter((a) => a.system === undefined)
      .flatMap((a) => verdictFindings(a.verdict, probe)),
  ];
}

/**
 * The verdict once the engine's own policies are counted: blocked when they keep every pod (now
 * and later, those a re-opening rule selects too) from the endpoint, re-opened when one lets a pod through that the NetworkPolicies
 * keep, partial when they isolate some pods of an otherwise open namespace.
 */
function withEngine(
  v: NamespaceVerdict,
  e: EngineVerdict | undefined,
  pods: readonly PodFacts[],
): NamespaceVerdict {
  if (!e) return v;
  const reachable = new Set(e.reachable);
  // A re-opening rule stands unless an engine policy keeps every pod it selects, now and later.
  const reopenings = v.reopenings.filter((r) => !e.held.includes(r.policy));
  const out: NamespaceVerdict = { ...v, engine: e, reachable: e.reachable, reopenings };
  if (e.allBlocked && e.unknown.length === 0)
    return { ...out, kind: 'blocked', reopenings: [], unisolated: [], newPodReaches: false };
  if (e.opens.length > 0) return { ...out, kind: 'reopened' };
  if (v.kind === 'reopened' && reopenings.length === 0) return { ...out, kind: 'partial' };
  if (v.kind === 'exposed' && e.blocks.length > 0)
    return {
      ...out,
      kind: 'partial',
      unisolated: podGroups(pods.filter((p) => !p.hostNetwork && reachable.has(p.name))),
    };
  return out;
}

const OPENNESS: Record<NamespaceVerdict['kind'], number> = {
  blocked: 0,
  partial: 1,
  reopened: 2,
  exposed: 3,
};

/**
 * The verdict on the plane that leaves the namespace most open (the first on a tie): with the
 * engine unknown, a namespace is blocked only if it is blocked on every engine it may be.
 */
function worstVerdict(
  planes: readonly DataPlane[],
  judge: (plane: DataPlane) => NamespaceVerdict,
): NamespaceVerdict {
  let worst: NamespaceVerdict | undefined;
  for (const plane of planes) {
    const v = judge(plane);
    if (!worst || OPENNESS[v.kind] > OPENNESS[worst.kind]) worst = v;
    if (worst.kind === 'exposed') break;
  }
  return worst!;
}

/** The namespaces chosen by default: every user namespace but the opt-in ones. */
export function defaultScope(assessment: ImdsAssessment): Set<string> {
  return new Set(
    assessment.namespaces
      .filter((a) => a.system === undefined && a.optIn === undefined)
      .map((a) => a.verdict.namespace),
  );
}

function byNamespace<T extends { namespace: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.namespace);
    if (group) group.push(item);
    else groups.set(item.namespace, [item]);
  }
  return groups;
}
