import type { ImdsFacts } from '../../checks/imds/assess.js';
import type { EngineTraits } from '../../checks/imds/engine.js';
import { OUR_POLICY_NAME } from '../../checks/imds/facts.js';
import { restrictImdsPolicy } from '../../checks/imds/policy.js';
import { namespacePolicyCheck } from '../../checks/imds/proposals.js';
import { listNetworkPoliciesIn } from '../../kube/network-policies.js';
import { policyDifference } from './existing.js';
import { policyFacts } from './policy-facts.js';
import type { ImdsContext as StepContext } from './session.js';

/**
 * Why our policy must not be sent to `ns` now, or undefined: the widening check run again over
 * the namespace's policies as stored now. The look may be minutes old; an egress policy made
 * since then would be widened by an allow-all-but-metadata policy (policies add up).
 */
export async function widensNow(
  ctx: StepContext,
  facts: ImdsFacts,
  ns: string,
  traits: EngineTraits,
): Promise<string | undefined> {
  // Only our own policy as we would create it is left out (creating it again changes nothing);
  // any other policy counts, ours by label or not: a deny-all copied with our labels still isolates.
  const wanted = restrictImdsPolicy(ns, traits);
  const live = (await listNetworkPoliciesIn(ctx.connection.kc, ns))
    .filter((p) => p.metadata?.name !== OUR_POLICY_NAME || policyDifference(wanted, p).length > 0)
    .map(policyFacts);
  const now = {
    ...facts,
    policies: [...facts.policies.filter((p) => p.namespace !== ns), ...live],
  };
  const check = namespacePolicyCheck(now, ns, traits);
  return check.safe
    ? undefined
    : `not created: its NetworkPolicies changed since the look, and ${check.why}; look again`;
}
