// Values as the API server prints them in field errors: Go's `%#v` of the internal type (what
// `field.Invalid` falls back to for structs), for the few immutable fields whose refusal quotes them.
import { arr, isRecord, text } from './types.js';

function quote(s: unknown): string {
  return JSON.stringify(text(s, ''));
}

function stringMap(m: unknown): string {
  if (!isRecord(m)) return 'map[string]string(nil)';
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${quote(m[k])}`);
  return `map[string]string{${entries.join(', ')}}`;
}

function strings(list: unknown): string {
  if (!Array.isArray(list)) return '[]string(nil)';
  return `[]string{${list.map(quote).join(', ')}}`;
}

/** `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:...}`. */
export function goLabelSelector(sel: unknown): string {
  if (!isRecord(sel)) return 'null';
  const exprs = arr(sel['matchExpressions']).filter(isRecord);
  const matchExpressions =
    exprs.length === 0
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${quote(e['key'])}, Operator:${quote(e['operator'])}, Values:${strings(e['values'])}}`,
          )
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${stringMap(sel['matchLabels'])}, MatchExpressions:${matchExpressions}}`;
}

/** `rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"x"}`. */
export function goRoleRef(ref: unknown): string {
  const r = isRecord(ref) ? ref : {};
  return `rbac.RoleRef{APIGroup:${quote(r['apiGroup'])}, Kind:${quote(r['kind'])}, Name:${quote(r['name'])}}`;
}
