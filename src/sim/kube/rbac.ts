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

/**
 * Whether one rule allows the request (RBAC's RuleAllows): `*` only as a whole entry, or as the
 * resource part of `<any>/<subresource>`, or trailing a URL; a resourceNames list never allows a
 * request without a name.
 */
export function ruleAllows(rule: Rule, a: Attributes): boolean {
  if (!rule.verbs.includes('*') && !rule.verbs.includes(a.verb)) return false;
  if (a.path !== undefined) {
    const path = a.path;
    return rule.nonResourceURLs.some(
      (u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))),
    );
  }
  if (!rule.apiGroups.includes('*') && !rule.apiGroups.includes(a.group ?? '')) return false;
  const sub = a.subresource ?? '';
  const combined = sub ? `${a.resource ?? ''}/${sub}` : (a.resource ?? '');
  const resOk = rule.resources.some(
    (r) => r === '*' || r === combined || (sub !== '' && r === `*/${sub}`),
  );
  if (!resOk) return false;
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(a.name ?? '');
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
    // A ServiceAccount without a namespace in a ClusterRoleBinding names no one.
    return ns ? `User:system:serviceaccount:${ns}:${name}` : undefined;
  }
  return undefined;
}

/** Decides requests from the store's RBAC objects; grants are indexed by subject and rebuilt on change. */
export class Authorizer {
  private index = new Map<string, Grant[]>();
  private seen = '';

  /**
   * A webhook authorizer after RBAC (AKS's Azure RBAC for Kubernetes): a request either allows
   * is allowed. Set by the simulator once the AKS side exists.
   */
  webhook: ((a: Attributes) => boolean) | undefined;

  constructor(private readonly store: Store) {}

  /** Groups a caller effectively has: authenticated callers are in `system:authenticated`. */
  static effectiveGroups(user: string, groups: string[]): string[] {
    const out = [...groups];
    if (user !== 'system:anonymous' && !out.includes('system:authenticated'))
      out.push('system:authenticated');
    return out;
  }

  /** Whether an authenticated caller may do what the attributes say. */
  allows(a: Attributes): boolean {
    return this.reviewAllows({ ...a, groups: Authorizer.effectiveGroups(a.user, a.groups) });
  }

  /**
   * Whether the identity exactly as given (user and groups, nothing added) may do it: what a
   * SubjectAccessReview asks. Non-resource requests are cluster-scoped.
   */
  reviewAllows(a: Attributes): boolean {
    const namespace = a.path !== undefined ? '' : (a.namespace ?? '');
    if (this.rulesOfIdentity(a.user, a.groups, namespace).some((r) => ruleAllows(r, a)))
      return true;
    return this.webhook?.(a) ?? false;
  }

  /** Every rule that applies to an authenticated caller in a namespace (cluster-wide ones included). */
  rulesFor(user: string, groups: string[], namespace: string): Rule[] {
    return this.rulesOfIdentity(user, Authorizer.effectiveGroups(user, groups), namespace);
  }

  private rulesOfIdentity(user: string, groups: string[], namespace: string): Rule[] {
    this.refresh();
    const rules: Rule[] = [];
    for (const key of subjectKeys(user, groups)) {
      for (const g of this.index.get(key) ?? []) {
        if (g.namespace && g.namespace !== namespace) continue;
        rules.push(...rulesOf(this.roleOf(g)));
      }
    }
    return rules;
  }

  /** The role a grant names; a Role only in its RoleBinding's namespace, other kinds not at all. */
  private roleOf(g: Grant): KubeObject | undefined {
    if (g.roleKind === 'ClusterRole') return this.store.get(R.clusterroles, undefined, g.roleName);
    if (g.roleKind === 'Role' && g.namespace)
      return this.store.get(R.roles, g.namespace, g.roleName);
    return undefined;
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
