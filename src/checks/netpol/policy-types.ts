import type { PolicyFacts } from './model.js';

/**
 * The policy types that apply: as written, or, when omitted or empty, the API server's default:
 * Ingress always, plus Egress when the policy has at least one egress rule.
 */
export function effectivePolicyTypes(policy: PolicyFacts): string[] {
  if (policy.policyTypes && policy.policyTypes.length > 0) return policy.policyTypes;
  return (policy.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** Whether the policy isolates the egress of the pods it selects. */
export function isolatesEgress(policy: PolicyFacts): boolean {
  return effectivePolicyTypes(policy).includes('Egress');
}

/** Whether the policy isolates the ingress of the pods it selects. */
export function isolatesIngress(policy: PolicyFacts): boolean {
  return effectivePolicyTypes(policy).includes('Ingress');
}
