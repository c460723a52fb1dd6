import { OUR_POLICY_NAME } from '../../checks/imds/facts.js';
import type { EngineTraits } from '../../checks/imds/engine.js';
import { replacedWhy, type ApplyPlan } from './apply-plan.js';
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
  const replaced = Object.values(plan.replaces);
  const also =
    replaced.length > 0
      ? `, replacing the older one of this tool in ${replaced.map((p) => p.namespace).join(', ')}`
      : '';
  return {
    cluster: ctx.cluster,
    change: `Create NetworkPolicy ${OUR_POLICY_NAME} (egress to everything except 169.254.169.254) in ${n} namespace${n === 1 ? '' : 's'}${also}`,
    details: [
      `Namespaces: ${plan.create.join(', ')}`,
      ...replaced.map(
        (p) =>
          `${p.namespace}: replaces networkpolicy ${p.namespace}/${p.name} (uid ${p.uid ?? '?'}, resourceVersion ${p.resourceVersion ?? '?'}), written by an older version of this tool: ${replacedWhy(traits)}. Only that object is updated (refused if it changed since the look); what it held is journaled to put back.`,
      ),
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
