import { selectorMatches } from '../label-selector.js';
import type { LabelSelector, SelectorRequirement } from '../../model/label-selector.js';

/** A value no selector names: what a later pod may carry under an `Exists` or `NotIn` key. */
const FRESH = 'any-other-value';

/**
 * Labels of a pod that both selectors select, or undefined when no pod can be selected by both.
 * Requirements each concern one key, so a choice per key decides: the matchLabels value when one
 * is given, else the first of "no such label", a value no list names, or a value some list names
 * that satisfies every requirement on the key. Keys neither selector names are left out, so the
 * pod is selected by as few other selectors as possible.
 */
export function sharedLabels(
  a: LabelSelector,
  b: LabelSelector,
): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const s of [a, b])
    for (const [k, v] of Object.entries(s.matchLabels ?? {})) {
      if (k in labels && labels[k] !== v) return undefined;
      labels[k] = v;
    }
  const reqs = [...(a.matchExpressions ?? []), ...(b.matchExpressions ?? [])];
  const byKey = new Map<string, SelectorRequirement[]>();
  for (const r of reqs) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  for (const [key, onKey] of byKey) {
    if (key in labels) continue;
    const named = onKey.flatMap((r) => r.values ?? []);
    const choices: Array<string | undefined> = [undefined, FRESH, ...named];
    const fits = (value: string | undefined) => {
      const one = value === undefined ? {} : { [key]: value };
      return selectorMatches({ matchExpressions: onKey }, one);
    };
    const choice = choices.find(fits);
    if (choice === undefined && !fits(undefined)) return undefined;
    if (choice !== undefined) labels[key] = choice;
  }
  return selectorMatches(a, labels) && selectorMatches(b, labels) ? labels : undefined;
}

/** The requirements a selector is made of, matchLabels pairs as `In` of one value. */
function requirementsOf(s: LabelSelector): SelectorRequirement[] {
  return [
    ...Object.entries(s.matchLabels ?? {}).map(([key, v]) => ({
      key,
      operator: 'In',
      values: [v],
    })),
    ...(s.matchExpressions ?? []),
  ];
}

/** The requirement every pod fails that fails `r` (apimachinery's meaning of each operator). */
function negation(r: SelectorRequirement): SelectorRequirement | undefined {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return { key: r.key, operator: 'NotIn', values };
    case 'NotIn':
      return { key: r.key, operator: 'In', values };
    case 'Exists':
      return { key: r.key, operator: 'DoesNotExist' };
    case 'DoesNotExist':
      return { key: r.key, operator: 'Exists' };
    default:
      return undefined;
  }
}

/**
 * A requirement that keeps `selector` (what a new policy selects) apart from `other` (what an
 * existing policy selects) for every pod, now or later, while still holding for `pods`: the
 * negation of one requirement of `other` that all of `pods` fail. Undefined when the two cannot
 * overlap already, or when no single requirement separates them.
 */
export function separation(
  selector: LabelSelector,
  other: LabelSelector,
  pods: ReadonlyArray<Record<string, string>>,
): { apart: true } | { requirement: SelectorRequirement } | undefined {
  if (!sharedLabels(selector, other)) return { apart: true };
  for (const r of requirementsOf(other)) {
    const not = negation(r);
    if (!not) continue;
    if (pods.every((labels) => selectorMatches({ matchExpressions: [not] }, labels)))
      return { requirement: not };
  }
  return undefined;
}
