import { OUR_POLICY_NAME } from '../../checks/imds/facts.js';
import type { EngineTraits } from '../../checks/imds/engine.js';
import type { ApplyPlan } from './apply-plan.js';
import type { ImdsContext as StepContext } from './session.js';
import { TYPED_ABOVE } from './state.js';

/** The confirmation for an apply: the cluster, the namespaces, and whether policies are enforced. */
export function applyConfirmation(
  ctx: StepContext,
  plan: ApplyPlan,
  traits: EngineTraits,
  closes: readonly string[] = [],
) {
  const n = plan.create.length;
  return {
    cluster: ctx.cluster,
    change: `Create NetworkPolicy ${OUR_POLICY_NAME} (egress to everything except 169.254.169.254) in ${n} namespace${n === 1 ? '' : 's'}`,
    details: [
      `Namespaces: ${plan.create.join(', ')}`,
      ...plan.warnings,
      'Checked before this question: it opens nothing that was closed.',
      ...(closes.length > 0
        ? [`Besides 169.254.169.254 it also closes: ${closes.join(', ')}.`]
        : []),
      ...(traits.enforces === false
        ? [
            'No policy engine on this cluster: the policies will NOT be enforced until one is enabled.',
          ]
        : []),
      ...(traits.cilium
        ? [
            'Cilium: pods keep pod and DNS traffic, but lose egress to node IPs (hostNetwork endpoints).',
          ]
        : []),
      'Roll back at any time with r (deletes only the policies this tool labelled as its own).',
    ],
    ...(n > TYPED_ABOVE ? { typed: ctx.cluster } : {}),
  };
}
