import type { ImdsFacts } from '../../checks/imds/assess.js';
import type { EngineTraits } from '../../checks/imds/engine.js';
import { isOurPolicy } from '../../checks/imds/facts.js';
import { namespacePolicyCheck } from '../../checks/imds/proposals.js';
import { listNetworkPoliciesIn } from '../../kube/network-policies.js';
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
  const live = (await listNetworkPoliciesIn(ctx.connection.kc, ns))
    .map(policyFacts)
    .filter((p) => !isOurPolicy(p));
  const now = {
    ...facts,
    policies: [...facts.policies.filter((p) => p.namespace !== ns), ...live],
  };
  const check = namespacePolicyCheck(now, ns, traits);
  return check.safe
    ? undefined
    : `not created: its NetworkPolicies changed since the look, and ${check.why}; look again`;
}
