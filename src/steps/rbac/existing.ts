import type { BindingObject, Subject } from '../../model/rbac.js';

function subjectText(s: Subject): string {
  return `${s.kind} ${s.name}${s.namespace ? ` (${s.namespace})` : ''}`;
}

function sameSubject(a: Subject, b: Subject): boolean {
  // Exact, as the RBAC authorizer matches: a Group named with an upper-case object id grants
  // nothing to members whose tokens carry it in lower case (Entra ID's form), so it is not ours.
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

/**
 * How a binding found on the cluster differs from the one wanted, as lines for the operator; empty
 * when it grants exactly the same role to exactly the same subjects (then it can be adopted as is).
 */
export function bindingDifference(wanted: BindingObject, found: BindingObject): string[] {
  const out: string[] = [];
  const w = wanted.roleRef;
  const f = found.roleRef;
  if (w.kind !== f.kind || w.name !== f.name)
    out.push(`its role is ${f.kind} ${f.name}, not ${w.kind} ${w.name}`);
  const ws = wanted.subjects ?? [];
  const fs = found.subjects ?? [];
  const extra = fs.filter((s) => !ws.some((x) => sameSubject(x, s)));
  const missing = ws.filter((s) => !fs.some((x) => sameSubject(x, s)));
  if (missing.length > 0) out.push(`it does not name ${missing.map(subjectText).join(', ')}`);
  if (extra.length > 0) out.push(`it also names ${extra.map(subjectText).join(', ')}`);
  return out;
}
