import type { PolicyRule } from './types.js';

/** What a set of rules lets its holder do, in the terms the findings use. */
export interface RuleReach {
  /** `*` verbs on `*` resources in `*` groups: the same as cluster-admin. */
  fullAdmin: boolean;
  /** Rules with `*` in verbs or resources, described. */
  wildcards: string[];
  /** Ways to gain more rights than granted, described (bind, escalate, impersonate, ...). */
  escalations: string[];
  /** Whether secrets can be read (get, list or watch, not limited to named secrets). */
  readsSecrets: boolean;
}

function has(list: string[] | undefined, value: string): boolean {
  return (list ?? []).includes(value) || (list ?? []).includes('*');
}

/** Whether `rule` grants `verb` on `resource` in API group `group`. */
export function grants(rule: PolicyRule, verb: string, group: string, resource: string): boolean {
  return has(rule.verbs, verb) && has(rule.apiGroups, group) && has(rule.resources, resource);
}

const ESCALATIONS: Array<{ what: string; verbs: string[]; group: string; resources: string[] }> = [
  {
    what: 'bind roles',
    verbs: ['bind'],
    group: 'rbac.authorization.k8s.io',
    resources: ['roles', 'clusterroles'],
  },
  {
    what: 'escalate roles',
    verbs: ['escalate'],
    group: 'rbac.authorization.k8s.io',
    resources: ['roles', 'clusterroles'],
  },
  {
    what: 'impersonate',
    verbs: ['impersonate'],
    group: '',
    resources: ['users', 'groups', 'serviceaccounts'],
  },
  {
    what: 'create or change role bindings',
    verbs: ['create', 'update', 'patch'],
    group: 'rbac.authorization.k8s.io',
    resources: ['rolebindings', 'clusterrolebindings'],
  },
  { what: 'exec into pods', verbs: ['create'], group: '', resources: ['pods/exec'] },
  {
    what: 'proxy to nodes (kubelet API)',
    verbs: ['get', 'create'],
    group: '',
    resources: ['nodes/proxy'],
  },
];

/**
 * What the (already aggregated) rules of a role allow. Only resource rules count: `*` on
 * non-resource URLs (health, version) is not a way into the cluster's objects.
 */
export function reachOf(rules: PolicyRule[]): RuleReach {
  const resourceRules = rules.filter((r) => (r.resources ?? []).length > 0);
  const fullAdmin = resourceRules.some(
    (r) =>
      r.verbs.includes('*') &&
      (r.apiGroups ?? []).includes('*') &&
      (r.resources ?? []).includes('*'),
  );
  const wildcards = resourceRules
    .filter((r) => r.verbs.includes('*') || (r.resources ?? []).includes('*'))
    .map((r) => `${r.verbs.join(',')} on ${(r.resources ?? []).join(',')}${groups(r)}`);
  const escalations = ESCALATIONS.filter((e) =>
    resourceRules.some((r) =>
      e.verbs.some((verb) =>
        e.resources.some(
          (res) => grants(r, verb, e.group, res) || groupWildcardGrants(r, verb, e.group, res),
        ),
      ),
    ),
  ).map((e) => e.what);
  const readsSecrets = resourceRules.some(
    (r) =>
      (r.resourceNames ?? []).length === 0 &&
      ['get', 'list', 'watch'].some((verb) => grants(r, verb, '', 'secrets')),
  );
  return { fullAdmin, wildcards, escalations, readsSecrets };
}

// Impersonation lives in the core group for users/groups/serviceaccounts, but rules often name
// it with the authentication group for other kinds (userextras): accept any group for it.
function groupWildcardGrants(
  r: PolicyRule,
  verb: string,
  group: string,
  resource: string,
): boolean {
  return verb === 'impersonate' && has(r.verbs, verb) && has(r.resources, resource) && group === '';
}

function groups(r: PolicyRule): string {
  const list = r.apiGroups ?? [];
  if (list.length === 0 || (list.length === 1 && list[0] === '')) return '';
  return ` (${list.map((g) => g || 'core').join(',')})`;
}
