import type { KubeObject } from '../contracts.js';
import { R } from './resources.js';
import type { Store } from './store.js';
import { isRecord, text } from './types.js';

/** What a request wants to do, as the authorizer sees it. */
export interface Attributes {
  user: string;
  groups: string[];
  verb: string;
  /** Resource requests. */
  group?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Non-resource requests (`/api`, `/healthz`). */
  path?: string;
}

/** A PolicyRule, normalised. */
export interface Rule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

interface Grant {
  /** Empty for cluster-wide (ClusterRoleBinding) grants. */
  namespace: string;
  roleKind: string;
  roleName: string;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

/** Rules of a Role or ClusterRole object. */
export function rulesOf(role: KubeObject | undefined): Rule[] {
  const rules = role?.['rules'];
  if (!Array.isArray(rules)) return [];
  return rules.filter(isRecord).map((r) => ({
    verbs: strings(r['verbs']),
    apiGroups: strings(r['apiGroups']),
    resources: strings(r['resources']),
    resourceNames: strings(r['resourceNames']),
    nonResourceURLs: strings(r['nonResourceURLs']),
  }));
}

/** Whether one rule allows the request (RBAC's RuleAllows). */
export function ruleAllows(rule: Rule, a: Attributes): boolean {
  if (!rule.verbs.includes('*') && !rule.verbs.includes(a.verb)) return false;
  if (a.path !== undefined) {
    return rule.nonResourceURLs.some(
      (u) => u === '*' || u === a.path || (u.endsWith('*') && a.path!.startsWith(u.slice(0, -1))),
    );
  }
  if (!rule.apiGroups.includes('*') && !rule.apiGroups.includes(a.group ?? '')) return false;
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : (a.resource ?? '');
  const resOk = rule.resources.some(
    (r) =>
      r === '*' || r === combined || (a.subresource !== undefined && r === `*/${a.subresource}`),
  );
  if (!resOk) return false;
  if (rule.resourceNames.length === 0) return true;
  return a.name !== undefined && a.name !== '' && rule.resourceNames.includes(a.name);
}

/** The subject keys a caller answers to. */
function subjectKeys(user: string, groups: string[]): string[] {
  return [`User:${user}`, ...groups.map((g) => `Group:${g}`)];
}

function subjectKey(s: Record<string, unknown>, bindingNs: string): string | undefined {
  const kind = s['kind'];
  const name = text(s['name'], '');
  if (kind === 'User' || kind === 'Group') return `${kind}:${name}`;
  if (kind === 'ServiceAccount') {
    const ns = typeof s['namespace'] === 'string' && s['namespace'] ? s['namespace'] : bindingNs;
    return `User:system:serviceaccount:${ns}:${name}`;
  }
  return undefined;
}

/** Decides requests from the store's RBAC objects; grants are indexed by subject and rebuilt on change. */
export class Authorizer {
  private index = new Map<string, Grant[]>();
  private seen = '';

  constructor(private readonly store: Store) {}

  /** Groups a caller effectively has: authenticated callers are in `system:authenticated`. */
  static effectiveGroups(user: string, groups: string[]): string[] {
    const out = [...groups];
    if (user !== 'system:anonymous' && !out.includes('system:authenticated'))
      out.push('system:authenticated');
    return out;
  }

  /** Whether the caller may do what the attributes say. */
  allows(a: Attributes): boolean {
    return this.rulesFor(a.user, a.groups, a.namespace ?? '').some((r) => ruleAllows(r, a));
  }

  /** Every rule that applies to a caller in a namespace (cluster-wide ones included). */
  rulesFor(user: string, groups: string[], namespace: string): Rule[] {
    this.refresh();
    const rules: Rule[] = [];
    for (const key of subjectKeys(user, Authorizer.effectiveGroups(user, groups))) {
      for (const g of this.index.get(key) ?? []) {
        if (g.namespace && g.namespace !== namespace) continue;
        const role =
          g.roleKind === 'Role'
            ? this.store.get(R.roles, g.namespace, g.roleName)
            : this.store.get(R.clusterroles, undefined, g.roleName);
        rules.push(...rulesOf(role));
      }
    }
    return rules;
  }

  private refresh(): void {
    const stamp = `${this.store.generation(R.rolebindings)}:${this.store.generation(R.clusterrolebindings)}`;
    if (stamp === this.seen) return;
    this.seen = stamp;
    const index = new Map<string, Grant[]>();
    const add = (binding: KubeObject, namespace: string): void => {
      const ref = binding['roleRef'];
      const subjects = binding['subjects'];
      if (!isRecord(ref) || !Array.isArray(subjects)) return;
      const grant = { namespace, roleKind: String(ref['kind']), roleName: String(ref['name']) };
      for (const s of subjects) {
        const key = isRecord(s) ? subjectKey(s, namespace) : undefined;
        if (!key) continue;
        let list = index.get(key);
        if (!list) index.set(key, (list = []));
        list.push(grant);
      }
    };
    for (const b of this.store.list(R.clusterrolebindings)) add(b, '');
    for (const b of this.store.list(R.rolebindings)) add(b, b.metadata.namespace ?? '');
    this.index = index;
  }
}

/** The API server's denial text (`forbiddenMessage` in the apiserver). */
export function forbiddenReason(a: Attributes): string {
  if (a.path !== undefined) return `User "${a.user}" cannot ${a.verb} path "${a.path}"`;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `User "${a.user}" cannot ${a.verb} resource "${res}" in API group "${a.group ?? ''}" ${where}`;
}
