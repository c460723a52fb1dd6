import { stringify } from 'yaml';
import { cidrIncludesImds, IMDS_CIDR, parseCidr } from './cidr.js';
import type { EngineTraits } from './engine.js';
import type { NamespaceVerdict } from './evaluate.js';
import type { EgressRule, PodFacts, PolicyFacts, PolicyPeer } from './facts.js';
import { OUR_LABELS } from './facts.js';
import { allButImdsPeers } from './policy.js';
import { selectorMatches } from './selector.js';

/** The rule with the metadata endpoint taken out, keeping every other destination and port. */
export function closeImdsInRule(rule: EgressRule, traits: EngineTraits): EgressRule {
  const to = rule.to ?? [];
  // "to anywhere" becomes "to anywhere but the endpoint", with the peers this engine needs.
  if (to.length === 0) return { ...rule, to: allButImdsPeers(traits) };
  const peers = to.flatMap((peer): PolicyPeer[] => {
    const block = peer.ipBlock;
    if (!block || !cidrIncludesImds(block.cidr)) return [peer];
    if ((block.except ?? []).some(cidrIncludesImds)) return [peer];
    // A /32 that is the endpoint itself cannot take an except: drop the peer instead.
    if (parseCidr(block.cidr)?.prefix === 32) return [];
    return [{ ipBlock: { ...block, except: [...(block.except ?? []), IMDS_CIDR] } }];
  });
  return { ...rule, to: peers };
}

/** A fix to review: what it is, and YAML the operator can apply after reading it. */
export interface ProposedFix {
  namespace: string;
  title: string;
  yaml: string;
}

/** The edited `spec.egress` of each policy with a rule that opens the endpoint. */
export function ruleFixes(
  verdict: NamespaceVerdict,
  policies: readonly PolicyFacts[],
  traits: EngineTraits,
): ProposedFix[] {
  const names = [...new Set(verdict.reopenings.map((r) => r.policy))];
  return names.flatMap((name) => {
    const policy = policies.find((p) => p.namespace === verdict.namespace && p.name === name);
    if (!policy) return [];
    const rules = new Set(verdict.reopenings.filter((r) => r.policy === name).map((r) => r.rule));
    const egress = (policy.egress ?? []).map((rule, i) =>
      rules.has(i) ? closeImdsInRule(rule, traits) : rule,
    );
    return [
      {
        namespace: verdict.namespace,
        title: `Edit NetworkPolicy ${verdict.namespace}/${name}: rule ${[...rules].join(', ')} gets an except for ${IMDS_CIDR} (kubectl edit networkpolicy -n ${verdict.namespace} ${name})`,
        yaml: stringify({ spec: { egress } }),
      },
    ];
  });
}

/**
 * For pods no egress policy selects: one policy per label set, allowing all but the endpoint.
 * Offered only when its selector picks none of the pods that are already isolated (it would
 * widen them otherwise).
 */
export function targetedPolicies(
  verdict: NamespaceVerdict,
  pods: readonly PodFacts[],
  traits: EngineTraits,
): ProposedFix[] {
  const unisolated = new Set(verdict.unisolated.flatMap((g) => g.pods));
  const isolated = pods.filter(
    (p) => p.namespace === verdict.namespace && !p.hostNetwork && !unisolated.has(p.name),
  );
  return verdict.unisolated.map((group, index) => {
    const selector = { matchLabels: group.labels };
    const clash = isolated.filter((p) => selectorMatches(selector, p.labels)).map((p) => p.name);
    if (Object.keys(group.labels).length === 0 || clash.length > 0) {
      return {
        namespace: verdict.namespace,
        title: `No safe targeted policy for ${group.pods.join(', ')}: their labels also select isolated pods (${clash.join(', ') || 'no labels'}); give them a label of their own first.`,
        yaml: '',
      };
    }
    const manifest = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: `restrict-instance-metadata-${index + 1}`,
        namespace: verdict.namespace,
        labels: { ...OUR_LABELS },
      },
      spec: {
        podSelector: selector,
        policyTypes: ['Egress'],
        egress: [{ to: allButImdsPeers(traits) }],
      },
    };
    return {
      namespace: verdict.namespace,
      title: `Targeted policy for ${group.pods.length} unisolated pod(s) (review, then kubectl apply -f)`,
      yaml: stringify(manifest),
    };
  });
}
