import { OUR_POLICY_NAME, type PolicyFacts } from '../../checks/imds/facts.js';
import { outdatedOurs } from '../../checks/imds/ours.js';
import type { ImdsFacts } from '../../checks/imds/assess.js';
import type { EngineTraits } from '../../checks/imds/engine.js';
import { policyNotes } from '../../checks/imds/policy.js';
import { namespacePolicyCheck } from '../../checks/imds/proposals.js';
import type { ImdsRow } from './state.js';

/** What one apply will do: our policy in `create` namespaces; the rest are only listed. */
export interface ApplyPlan {
  create: string[];
  /**
   * Of `create`, the namespaces whose older policy of ours (written by an earlier version of this
   * tool, see `outdatedOurs`) is replaced in place: the object as read, whose uid and
   * resourceVersion the update names.
   */
  replaces: Record<string, PolicyFacts>;
  review: string[];
  blocked: string[];
  /** Warnings about chosen namespaces that Kubernetes or AKS manages. */
  warnings: string[];
  lines: string[];
}

/** The plan for the chosen rows, as lines for the operator (namespace × action, then notes). */
export function applyPlan(
  rows: readonly ImdsRow[],
  traits: EngineTraits,
  policies: readonly PolicyFacts[],
): ApplyPlan {
  const chosen = rows.filter((r) => r.chosen);
  const pick = (action: ImdsRow['action']) =>
    chosen.filter((r) => r.action === action).map((r) => r.namespace);
  const create = pick('create');
  const replaces: Record<string, PolicyFacts> = {};
  for (const ns of create) {
    const old = outdatedOurs(policies, ns, traits);
    if (old) replaces[ns] = old;
  }
  const plan = { create, replaces, review: pick('review'), blocked: pick('none') };
  const warnings = chosen.flatMap((r) =>
    r.warning && r.action === 'create' ? [`▲ ${r.warning}`] : [],
  );
  const lines = [
    ...plan.create.map((ns) =>
      replaces[ns]
        ? `${ns}: replace NetworkPolicy ${OUR_POLICY_NAME}, written by an older version of this tool (${replacedWhy(traits)}), with the current one`
        : `${ns}: create NetworkPolicy ${OUR_POLICY_NAME}`,
    ),
    ...plan.review.map((ns) => `${ns}: not changed; a fix to review is on its row (Enter)`),
    ...plan.blocked.map((ns) => `${ns}: already blocked, nothing to do`),
    ...warnings,
    ...policyNotes(traits),
  ];
  return { ...plan, warnings, lines };
}

/** Why an older policy of ours is replaced: what it has that this engine needs otherwise. */
export function replacedWhy(traits: EngineTraits): string {
  return traits.ipv4Only
    ? 'its ::/0 peer makes Azure NPM install none of it'
    : 'its rule is not the one this engine needs now';
}

/**
 * Checks our policy in every namespace of the plan before anything is offered: a namespace where
 * it would open anything new is taken out, with the reason. Returns the plan to offer and the refusals.
 */
export function checkedPlan(
  facts: ImdsFacts,
  plan: ApplyPlan,
  traits: EngineTraits,
): { plan: ApplyPlan; refused: string[]; closes: string[] } {
  const refused: string[] = [];
  const closes = new Set<string>();
  const create = plan.create.filter((ns) => {
    const check = namespacePolicyCheck(facts, ns, traits);
    if (!check.safe) refused.push(`${ns}: not offered: ${check.why}`);
    for (const c of check.alsoCloses) closes.add(c);
    return check.safe;
  });
  const replaces = Object.fromEntries(
    Object.entries(plan.replaces).filter(([ns]) => create.includes(ns)),
  );
  return { plan: { ...plan, create, replaces }, refused, closes: [...closes] };
}
