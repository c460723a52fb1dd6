import { selectorMatches } from '../label-selector.js';
import type { ImdsAssessment, ImdsFacts } from './assess.js';
import { ipv6PeerSafe, verdictPlanes, type EngineTraits } from './engine.js';
import type { NamespaceVerdict } from './evaluate.js';
import { OUR_LABELS, type PodFacts, type PolicyFacts } from './facts.js';
import { separation, sharedLabels } from './shared-pod.js';
import { isolatesEgress } from '../netpol/policy-types.js';
import type { LabelSelector, SelectorRequirement } from '../../model/label-selector.js';
import type { PodGroup } from './pod-groups.js';
import { checkChange, type FixCheck } from './fix-check.js';
import { applyEdit, policyEdit } from './fixes.js';
import { allButImdsPeers, restrictImdsPolicy } from './policy.js';
import { plural } from '../../model/plural.js';
import { targetedPolicyName } from './targeted-name.js';
import { outdatedOurs } from './ours.js';
import { kubeYaml } from '../../model/kube-yaml.js';

/** A change to review: what it is, the YAML to apply after reading it, and the widening check. */
export interface ProposedFix {
  namespace: string;
  title: string;
  /** Empty when the change is not offered. */
  yaml: string;
  /** False when the change is not offered (the check failed, or no safe change exists). */
  offered: boolean;
  /** What the check found: what else the change closes, or why it is not offered. */
  notes: string[];
}

function checkNotes(check: FixCheck): string[] {
  if (!check.safe) return [`Not offered: ${check.why}.`];
  return [
    `Checked before it is offered: ${check.asked} questions, nothing newly allowed.`,
    ...(check.alsoCloses.length > 0
      ? [`Besides 169.254.169.254 it also closes: ${check.alsoCloses.join(', ')}.`]
      : []),
  ];
}

/** The checked edit of each policy with a rule that opens the endpoint. */
export function ruleFixes(verdict: NamespaceVerdict, facts: ImdsFacts): ProposedFix[] {
  const ns = verdict.namespace;
  const planes = verdictPlanes(facts.engine);
  const mine = facts.policies.filter((p) => p.namespace === ns);
  const names = [...new Set(verdict.reopenings.map((r) => r.policy))];
  return names.flatMap((name) => {
    const policy = mine.find((p) => p.name === name);
    const edit = policy && policyEdit(policy, planes, { ipv6: ipv6PeerSafe(facts.engine) });
    if (!policy || !edit) return [];
    const check = checkChange(
      facts,
      ns,
      mine.map((p) => (p === policy ? applyEdit(p, edit) : p)),
    );
    const spec = {
      ...(edit.policyTypes ? { policyTypes: edit.policyTypes } : {}),
      egress: edit.egress,
    };
    return [
      {
        namespace: ns,
        title: `Edit NetworkPolicy ${ns}/${name}: ${edit.changes.join('; ')} (kubectl edit networkpolicy -n ${ns} ${name})`,
        yaml: check.safe ? kubeYaml({ spec }) : '',
        offered: check.safe,
        notes: checkNotes(check),
      },
    ];
  });
}

/** A PolicyFacts view of a policy manifest this step would create. */
function asFacts(manifest: ReturnType<typeof restrictImdsPolicy>): PolicyFacts {
  return {
    namespace: manifest.metadata.namespace,
    name: manifest.metadata.name,
    labels: manifest.metadata.labels,
    podSelector: manifest.spec.podSelector,
    policyTypes: manifest.spec.policyTypes,
    egress: manifest.spec.egress,
  };
}

/**
 * The widening check of this step's own namespace-wide policy, for a namespace without egress
 * isolation; an older one of ours that it replaces (see `outdatedOurs`) is gone after the change.
 */
export function namespacePolicyCheck(
  facts: ImdsFacts,
  namespace: string,
  traits: EngineTraits,
): FixCheck {
  const replaced = outdatedOurs(facts.policies, namespace, traits);
  const mine = facts.policies.filter((p) => p.namespace === namespace && p !== replaced);
  return checkChange(facts, namespace, [...mine, asFacts(restrictImdsPolicy(namespace, traits))]);
}

/**
 * For pods no egress policy selects: one policy per label set, allowing all but the endpoint.
 * Offered only when its selector picks none of the isolated pods and the check passes.
 */
export function targetedPolicies(
  verdict: NamespaceVerdict,
  facts: ImdsFacts,
  traits: EngineTraits,
): ProposedFix[] {
  const ns = verdict.namespace;
  const mine = facts.policies.filter((p) => p.namespace === ns);
  const unisolated = new Set(verdict.unisolated.flatMap((g) => g.pods));
  const isolated = facts.pods.filter(
    (p) => p.namespace === ns && !p.hostNetwork && !unisolated.has(p.name),
  );
  const restricting = mine.filter(isolatesEgress);
  const windows = new Set(verdict.windowsUnenforced?.pods ?? []);
  return verdict.unisolated.map((group) => {
    if (group.pods.some((p) => windows.has(p))) {
      return {
        namespace: ns,
        title: `No targeted policy for ${group.pods.join(', ')}: they run on Windows, where ${verdict.windowsUnenforced!.why}.`,
        yaml: '',
        offered: false,
        notes: [],
      };
    }
    const selector = targetSelector(group, restricting, facts, ns);
    if (!selector) {
      return {
        namespace: ns,
        title: `No safe targeted policy for ${group.pods.join(', ')}: a pod created later with their labels could also be selected by a policy that restricts its egress, and no selector keeps the two apart; give them a label of their own first.`,
        yaml: '',
        offered: false,
        notes: [],
      };
    }
    const clash = isolated.filter((p) => selectorMatches(selector, p.labels)).map((p) => p.name);
    if (Object.keys(group.labels).length === 0 || clash.length > 0) {
      return {
        namespace: ns,
        title: `No safe targeted policy for ${group.pods.join(', ')}: their labels also select isolated pods (${clash.join(', ') || 'no labels'}); give them a label of their own first.`,
        yaml: '',
        offered: false,
        notes: [],
      };
    }
    const name = targetedPolicyName(selector);
    // One object per name in a namespace: `kubectl apply` of a name already taken replaces that
    // policy, so the check must see the stored one gone, not the new one beside it.
    const replaces = mine.find((p) => p.name === name);
    const manifest = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name,
        namespace: ns,
        labels: { ...OUR_LABELS },
      },
      spec: {
        podSelector: selector,
        policyTypes: ['Egress'],
        egress: [{ to: allButImdsPeers(traits) }],
      },
    };
    // A pod created later may carry these labels and those of a policy that restricts its
    // egress now: the targeted policy must not widen it either, so the check asks for one such
    // pod per policy whose selector can overlap (pairwise is enough: a pod already given more
    // by one restricting policy loses nothing when others also select it).
    const later = mine.flatMap((p): PodFacts[] => {
      const labels = sharedLabels(selector, p.podSelector ?? {});
      if (!labels) return [];
      const text = Object.entries(labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      return [
        { namespace: ns, name: `created later with labels ${text}`, labels, hostNetwork: false },
      ];
    });
    const check = checkChange({ ...facts, pods: [...facts.pods, ...later] }, ns, [
      ...mine.filter((p) => p !== replaces),
      {
        namespace: ns,
        name: manifest.metadata.name,
        ...manifest.spec,
        labels: manifest.metadata.labels,
      },
    ]);
    return {
      namespace: ns,
      title: replaces
        ? `Targeted policy for ${plural(group.pods.length, 'unisolated pod')}: REPLACES NetworkPolicy ${ns}/${name} now stored (review, then kubectl apply -f)`
        : `Targeted policy for ${plural(group.pods.length, 'unisolated pod')} (review, then kubectl apply -f)`,
      yaml: check.safe ? kubeYaml(manifest) : '',
      offered: check.safe,
      notes: checkNotes(check),
    };
  });
}

/**
 * The targeted policy's selector: the group's labels, plus, for each policy restricting egress
 * whose selector could also pick a pod with those labels (one created later), a requirement
 * that keeps them apart; undefined when no single requirement does. Without it, such a pod would
 * get this policy's allow-all-but-metadata rule on top of its restricted egress: a widening.
 */
function targetSelector(
  group: PodGroup,
  restricting: readonly PolicyFacts[],
  facts: ImdsFacts,
  ns: string,
): LabelSelector | undefined {
  const members = new Set(group.pods);
  const labels = facts.pods
    .filter((p) => p.namespace === ns && members.has(p.name))
    .map((p) => p.labels);
  const base: LabelSelector = { matchLabels: group.labels };
  const extra: SelectorRequirement[] = [];
  for (const policy of restricting) {
    const current = extra.length > 0 ? { ...base, matchExpressions: extra } : base;
    const apart = separation(current, policy.podSelector ?? {}, labels);
    if (!apart) return undefined;
    if ('requirement' in apart) extra.push(apart.requirement);
  }
  return extra.length > 0 ? { ...base, matchExpressions: extra } : base;
}

/** Every proposal of every namespace that needs review, by namespace (computed once per inspection). */
export function proposalsFor(
  facts: ImdsFacts,
  assessment: ImdsAssessment,
  traits: EngineTraits,
): Map<string, ProposedFix[]> {
  const out = new Map<string, ProposedFix[]>();
  for (const { verdict } of assessment.namespaces) {
    if (verdict.kind !== 'reopened' && verdict.kind !== 'partial') continue;
    out.set(verdict.namespace, [
      ...ruleFixes(verdict, facts),
      ...(verdict.unisolated.length > 0 ? targetedPolicies(verdict, facts, traits) : []),
    ]);
  }
  return out;
}
