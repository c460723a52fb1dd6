import type { LabelSelector } from '../model/label-selector.js';

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

/**
 * Whether one requirement holds for a label's value (undefined: the key is absent); `named` says
 * whether a value is among the requirement's values.
 */
function requirementHolds(
  operator: string,
  value: string | undefined,
  named: (value: string) => boolean,
): boolean {
  const has = value !== undefined;
  switch (operator) {
    case 'In':
      return has && named(value);
    case 'NotIn':
      // A missing key satisfies NotIn, as in apimachinery's labels.Requirement.
      return !has || !named(value);
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
  return (selector.matchExpressions ?? []).every((req) =>
    requirementHolds(
      req.operator,
      Object.hasOwn(labels, req.key) ? labels[req.key] : undefined,
      (v) => (req.values ?? []).includes(v),
    ),
  );
}

// How many label sets `coverEveryLabelSet` tries before it gives up and answers no.
const COVER_LIMIT = 4096;
// How much work it may do in all (values read, plus label sets × requirements tried): the case
// count alone does not bound it, since each case asks every selector.
const COVER_WORK = 2_000_000;

/** A selector's requirements with their values as Sets, so that each is one lookup. */
type Compiled = Array<{ key: string; operator: string; values: ReadonlySet<string> }>;

function compile(selector: LabelSelector): Compiled {
  return [
    ...Object.entries(selector.matchLabels ?? {}).map(([key, v]) => ({
      key,
      operator: 'In',
      values: new Set([v]),
    })),
    ...(selector.matchExpressions ?? []).map((req) => ({
      key: req.key,
      operator: req.operator,
      values: new Set(req.values ?? []),
    })),
  ];
}

function compiledMatches(reqs: Compiled, labels: ReadonlyMap<string, string>): boolean {
  return reqs.every((req) =>
    requirementHolds(req.operator, labels.get(req.key), (v) => req.values.has(v)),
  );
}

/**
 * Whether every possible label set, present or future, satisfies at least one of the selectors.
 * A selector only asks, of each key it names, whether the key is absent, has one of the values
 * it names, or has some other value; so trying, for every named key, absence, each named value
 * and one value named nowhere tries every case. Past COVER_LIMIT cases or COVER_WORK steps the
 * answer is no: a caller then says "not every pod" (a possible false alarm), never "every pod"
 * untried.
 */
export function coverEveryLabelSet(selectors: readonly LabelSelector[]): boolean {
  if (selectors.some(selectsEverything)) return true;
  if (selectors.length === 0) return false;
  // Reading the input is work too: values named by thousands of selectors each.
  let size = 0;
  let requirements = 0;
  for (const s of selectors) {
    const reqs = s.matchExpressions ?? [];
    requirements += Object.keys(s.matchLabels ?? {}).length + reqs.length + 1;
    for (const req of reqs) size += (req.values ?? []).length;
  }
  if (size + requirements > COVER_WORK) return false;
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
  if (cases > COVER_LIMIT || size + cases * requirements > COVER_WORK) return false;
  const compiled = selectors.map(compile);
  for (let i = 0; i < cases; i++) {
    const labels = new Map<string, string>();
    let rest = i;
    for (const { key, values } of choices) {
      const value = values[rest % values.length];
      rest = Math.floor(rest / values.length);
      if (value !== undefined) labels.set(key, value);
    }
    if (!compiled.some((reqs) => compiledMatches(reqs, labels))) return false;
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
