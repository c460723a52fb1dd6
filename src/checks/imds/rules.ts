import { cidrIncludesImds } from './cidr.js';
import type { EgressRule, PolicyFacts, PolicyPeer } from './facts.js';

/**
 * The policy types the API server applies: as written, or, when omitted, Ingress plus Egress only
 * if the policy has at least one egress rule.
 */
export function effectivePolicyTypes(policy: PolicyFacts): string[] {
  if (policy.policyTypes && policy.policyTypes.length > 0) return policy.policyTypes;
  return (policy.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Whether the policy isolates the egress of the pods it selects. */
export function isolatesEgress(policy: PolicyFacts): boolean {
  return effectivePolicyTypes(policy).includes('Egress');
}

/** Why a peer lets traffic reach the metadata address, or undefined when it does not. */
function peerOpensImds(peer: PolicyPeer): string | undefined {
  const block = peer.ipBlock;
  // Pod and namespace selectors pick pods; the metadata address is never a pod.
  if (!block) return undefined;
  if (!cidrIncludesImds(block.cidr)) return undefined;
  if ((block.except ?? []).some(cidrIncludesImds)) return undefined;
  const except = block.except?.length ? ` except ${block.except.join(', ')}` : '';
  return `allows ${block.cidr}${except}, which includes 169.254.169.254`;
}

/**
 * Why an egress rule lets traffic reach the metadata address, or undefined when it does not.
 * A port list narrows the ports but still opens the endpoint on those ports, so it counts.
 */
export function ruleOpensImds(rule: EgressRule): string | undefined {
  const to = rule.to ?? [];
  const ports = (rule.ports ?? []).map((p) => `${p.protocol ?? 'TCP'}/${p.port ?? '*'}`);
  const onPorts = ports.length > 0 ? ` on ${ports.join(', ')}` : '';
  if (to.length === 0) return `allows every destination${onPorts}`;
  for (const peer of to) {
    const why = peerOpensImds(peer);
    if (why) return `${why}${onPorts}`;
  }
  return undefined;
}

/** One rule of one policy that opens the metadata endpoint. */
export interface Reopening {
  policy: string;
  /** Index in `spec.egress`, as `kubectl` paths count. */
  rule: number;
  why: string;
}

/** Every rule of the policy that opens the metadata endpoint. */
export function reopeningsOf(policy: PolicyFacts): Reopening[] {
  if (!isolatesEgress(policy)) return [];
  return (policy.egress ?? []).flatMap((rule, index) => {
    const why = ruleOpensImds(rule);
    return why ? [{ policy: policy.name, rule: index, why }] : [];
  });
}
