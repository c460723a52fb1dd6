import { createHash } from 'node:crypto';
import type { LabelSelector } from '../../model/label-selector.js';
import { OUR_POLICY_NAME } from './facts.js';

/** A selector written one way whatever the order of its labels, expressions and values. */
function canonicalSelector(selector: LabelSelector): string {
  const labels = Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  const expressions = (selector.matchExpressions ?? [])
    .map((e) => JSON.stringify([e.key, e.operator, [...(e.values ?? [])].sort()]))
    .sort();
  return JSON.stringify([labels, expressions]);
}

/**
 * The name of the targeted policy for a selector: derived from the selector, so the same pods get
 * the same name on every look and another selector gets another name. A name given by position
 * would be reused for other pods on a later look, and `kubectl apply` would then replace the
 * stored policy, taking the block from the pods it selected.
 */
export function targetedPolicyName(selector: LabelSelector): string {
  const hash = createHash('sha256').update(canonicalSelector(selector)).digest('hex').slice(0, 10);
  return `${OUR_POLICY_NAME}-${hash}`;
}
