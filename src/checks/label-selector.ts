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
