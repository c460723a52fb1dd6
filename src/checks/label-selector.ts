import type { LabelSelector, SelectorRequirement } from '../model/label-selector.js';

// The one reading of a Kubernetes label selector (apimachinery's labels.Selector). What an
// absent selector means depends on the field holding it, so callers decide that themselves:
// a NetworkPolicy's absent podSelector is `{}` (every pod); a PodDisruptionBudget's absent
// selector selects no pod.

/** Whether a selector selects every object, whatever its labels (the `{}` selector). */
export function selectsEverything(selector: LabelSelector): boolean {
  return (
    Object.keys(selector.matchLabels ?? {}).length === 0 &&
    (selector.matchExpressions ?? []).length === 0
  );
}

function requirementHolds(req: SelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
      return has && values.includes(labels[req.key]!);
    case 'NotIn':
      // A missing key satisfies NotIn, as in apimachinery's labels.Requirement.
      return !has || !values.includes(labels[req.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // The API server rejects other operators; a selector it never stored selects nothing.
      return false;
  }
}

/** Whether `labels` satisfy the selector: every matchLabels pair and every expression (AND). */
export function selectorMatches(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((req) => requirementHolds(req, labels));
}

// How many label sets `coverEveryLabelSet` tries before it gives up and answers no.
const COVER_LIMIT = 4096;

/**
 * Whether every possible label set, present or future, satisfies at least one of the selectors.
 * A selector only asks, of each key it names, whether the key is absent, has one of the values
 * it names, or has some other value; so trying, for every named key, absence, each named value
 * and one value named nowhere tries every case. Past COVER_LIMIT cases the answer is no: a
 * caller then says "not every pod" (a possible false alarm), never "every pod" untried.
 */
export function coverEveryLabelSet(selectors: readonly LabelSelector[]): boolean {
  if (selectors.some(selectsEverything)) return true;
  if (selectors.length === 0) return false;
  const named = new Map<string, Set<string>>();
  const name = (key: string, values: readonly string[]) => {
    const set = named.get(key) ?? new Set<string>();
    for (const v of values) set.add(v);
    named.set(key, set);
  };
  for (const s of selectors) {
    for (const [k, v] of Object.entries(s.matchLabels ?? {})) name(k, [v]);
    for (const req of s.matchExpressions ?? []) name(req.key, req.values ?? []);
  }
  // Per key: undefined (absent), each named value, and a value no selector names.
  const choices = [...named].map(([key, values]) => ({
    key,
    values: [undefined, ...values, `${[...values].join('')}\u0000other`],
  }));
  const cases = choices.reduce((n, c) => n * c.values.length, 1);
  if (cases > COVER_LIMIT) return false;
  for (let i = 0; i < cases; i++) {
    const labels: Record<string, string> = {};
    let rest = i;
    for (const { key, values } of choices) {
      const value = values[rest % values.length];
      rest = Math.floor(rest / values.length);
      if (value !== undefined) labels[key] = value;
    }
    if (!selectors.some((s) => selectorMatches(s, labels))) return false;
  }
  return true;
}

/**
 * The selector in the syntax of `kubectl -l` and of a list call's `labelSelector`:
 * `app=web,tier in (a,b),!legacy`; empty for `{}` (every object).
 */
export function selectorQuery(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const req of selector.matchExpressions ?? []) {
    const values = (req.values ?? []).join(',');
    if (req.operator === 'In') parts.push(`${req.key} in (${values})`);
    else if (req.operator === 'NotIn') parts.push(`${req.key} notin (${values})`);
    else if (req.operator === 'Exists') parts.push(req.key);
    else if (req.operator === 'DoesNotExist') parts.push(`!${req.key}`);
    else parts.push(`${req.key} ${req.operator} (${values})`);
  }
  return parts.join(',');
}
