// Builders for RBAC objects as the API server returns them, for the corpus and the unit tests.
import { serviceAccountGroups, serviceAccountUser } from '../../src/checks/rbac/identity.js';
import type { RbacFacts } from '../../src/checks/rbac/types.js';
import type { BindingObject, PolicyRule, RoleObject, Subject } from '../../src/model/rbac.js';

export const G = 'rbac.authorization.k8s.io';
export const BOOT = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
export const AKS_LABEL = {
  'addonmanager.kubernetes.io/mode': 'Reconcile',
  'kubernetes.io/cluster-service': 'true',
};
export const ADMIN_GROUP = '6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f';

export const user = (name: string): Subject => ({ apiGroup: G, kind: 'User', name });
export const group = (name: string): Subject => ({ apiGroup: G, kind: 'Group', name });
export const sa = (namespace: string | undefined, name: string): Subject =>
  namespace === undefined
    ? { kind: 'ServiceAccount', name }
    : { kind: 'ServiceAccount', name, namespace };

/** A rule: verbs, API groups, resources, and optionally names. */
export function rule(
  verbs: string[],
  apiGroups: string[],
  resources: string[],
  resourceNames?: string[],
): PolicyRule {
  return { verbs, apiGroups, resources, ...(resourceNames ? { resourceNames } : {}) };
}
/** A non-resource rule. */
export const urls = (verbs: string[], nonResourceURLs: string[]): PolicyRule => ({
  verbs,
  nonResourceURLs,
});

export function clusterRole(
  name: string,
  rules: PolicyRule[],
  extra: Partial<RoleObject> & { labels?: Record<string, string> } = {},
): RoleObject {
  const { labels, ...rest } = extra;
  return { metadata: { name, ...(labels ? { labels } : {}) }, rules, ...rest };
}
export function role(namespace: string, name: string, rules: PolicyRule[]): RoleObject {
  return { metadata: { name, namespace }, rules };
}
export function crb(
  name: string,
  roleName: string,
  subjects: Subject[],
  labels?: Record<string, string>,
  roleKind = 'ClusterRole',
): BindingObject {
  return {
    metadata: { name, ...(labels ? { labels } : {}) },
    roleRef: { apiGroup: G, kind: roleKind, name: roleName },
    subjects,
  };
}
export function rb(
  namespace: string,
  name: string,
  roleKind: 'Role' | 'ClusterRole',
  roleName: string,
  subjects: Subject[],
): BindingObject {
  return {
    metadata: { name, namespace },
    roleRef: { apiGroup: G, kind: roleKind, name: roleName },
    subjects,
  };
}

/** Kubernetes' cluster-admin: everything, resources and paths. */
export const CLUSTER_ADMIN = clusterRole(
  'cluster-admin',
  [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])],
  { labels: BOOT },
);

/** A namespace editor much like Kubernetes' edit: workloads, secrets, exec. */
export const EDIT = clusterRole('edit', [
  rule(
    ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
    [''],
    ['pods', 'secrets', 'configmaps'],
  ),
  rule(['create'], [''], ['pods/exec', 'pods/attach', 'pods/portforward']),
  rule(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], ['apps'], ['deployments']),
]);
/** A reader much like Kubernetes' view (no secrets). */
export const VIEW = clusterRole('view', [
  rule(['get', 'list', 'watch'], [''], ['pods', 'services', 'configmaps']),
]);

/** Facts with cluster-admin, edit and view, plus what a case adds. */
export function facts(p: Partial<RbacFacts>): RbacFacts {
  return {
    roleBindings: [],
    clusterRoleBindings: [],
    roles: [],
    forbidden: [],
    ...p,
    clusterRoles: [CLUSTER_ADMIN, EDIT, VIEW, ...(p.clusterRoles ?? [])],
  };
}

/** The identity of a ServiceAccount's token (user plus its groups). */
export const saIdentity = (namespace: string, name: string) => ({
  user: serviceAccountUser(namespace, name),
  groups: serviceAccountGroups(namespace),
});
/** A signed-in user with no other group. */
export const person = (name: string, groups: string[] = []) => ({
  user: name,
  groups: [...groups, 'system:authenticated'],
});
