import type { PolicyRule } from '../../model/rbac.js';
import type { ResourceRequest } from './match.js';

// What a RoleBinding grants: a request on a cluster-scoped resource (or a non-resource URL)
// carries no namespace, and a RoleBinding answers only requests in its own namespace (RBAC,
// "RoleBinding and ClusterRoleBinding"). The facts carry no discovery, so scope comes from the
// resources Kubernetes itself serves cluster-scoped (`kubectl api-resources --namespaced=false`
// on a current release) and the authorization-only resources Kubernetes asks about at cluster
// scope. A resource this list does not know (a CRD) is taken as namespaced: its rules keep
// counting in the RoleBinding's namespace rather than an unknown right being dropped.

const CLUSTER_SCOPED: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    '': [
      'componentstatuses',
      'namespaces',
      'nodes',
      'persistentvolumes',
      // Impersonation of users and groups is authorized at cluster scope (ServiceAccounts in theirs).
      'users',
      'groups',
    ],
    'admissionregistration.k8s.io': [
      'mutatingwebhookconfigurations',
      'validatingwebhookconfigurations',
      'mutatingadmissionpolicies',
      'mutatingadmissionpolicybindings',
      'validatingadmissionpolicies',
      'validatingadmissionpolicybindings',
    ],
    'apiextensions.k8s.io': ['customresourcedefinitions'],
    'apiregistration.k8s.io': ['apiservices'],
    'authentication.k8s.io': ['selfsubjectreviews', 'tokenreviews', 'uids', 'userextras'],
    'authorization.k8s.io': [
      'selfsubjectaccessreviews',
      'selfsubjectrulesreviews',
      'subjectaccessreviews',
    ],
    // `signers` is asked (approve, sign) at cluster scope by the CSR admission and approval.
    'certificates.k8s.io': ['certificatesigningrequests', 'clustertrustbundles', 'signers'],
    'flowcontrol.apiserver.k8s.io': ['flowschemas', 'prioritylevelconfigurations'],
    'internal.apiserver.k8s.io': ['storageversions'],
    'metrics.k8s.io': ['nodes'],
    'networking.k8s.io': ['ingressclasses', 'ipaddresses', 'servicecidrs'],
    'node.k8s.io': ['runtimeclasses'],
    'rbac.authorization.k8s.io': ['clusterroles', 'clusterrolebindings'],
    'resource.k8s.io': ['deviceclasses', 'resourceslices'],
    'scheduling.k8s.io': ['priorityclasses'],
    'storage.k8s.io': [
      'csidrivers',
      'csinodes',
      'storageclasses',
      'volumeattachments',
      'volumeattributesclasses',
    ],
    'storagemigration.k8s.io': ['storageversionmigrations'],
  }).map(([group, resources]) => [group, new Set(resources)]),
);

// The verbs on `namespaces` that name no Namespace: they are asked at cluster scope.
const UNNAMED_VERBS = new Set(['list', 'watch', 'create', 'deletecollection']);

/** Whether `group/resource` is a built-in cluster-scoped resource (`*` and unknown ones are not). */
export function isClusterScoped(group: string, resource: string): boolean {
  return CLUSTER_SCOPED.get(group)?.has(resource) ?? false;
}

/**
 * The request as the API server would see it: one on a cluster-scoped resource carries no
 * namespace. The exception is a Namespace object itself: `/api/v1/namespaces/shop` carries
 * namespace `shop`, so a RoleBinding in `shop` answers for it (get, update, patch, delete and
 * their subresources), and a request "in shop" on namespaces with no name is about that object.
 */
export function asServed(r: ResourceRequest): ResourceRequest {
  if (!r.namespace || !isClusterScoped(r.group, r.resource)) return r;
  if (bindsInNamespace(r.verb, r.group, r.resource)) return r;
  if (r.group === '' && r.resource === 'namespaces') {
    if (r.name) return { ...r, namespace: r.name };
    if (r.subresource !== undefined || !UNNAMED_VERBS.has(r.verb))
      return { ...r, name: r.namespace };
  }
  return { ...r, namespace: '' };
}

// RBAC checks `bind` of a ClusterRole in a RoleBinding's namespace ("Restrictions on role binding
// creation or update": a RoleBinding may grant bind on named ClusterRoles in its namespace).
function bindsInNamespace(verb: string, group: string, resource: string): boolean {
  return (
    (verb === 'bind' || verb === '*') &&
    group === 'rbac.authorization.k8s.io' &&
    resource === 'clusterroles'
  );
}

// `nodes/proxy` is a subresource of nodes; `*` and `*/sub` name no one resource.
function resourceClusterScoped(rule: PolicyRule, group: string, entry: string): boolean {
  if (entry === '*' || entry.startsWith('*/')) return false;
  const resource = entry.split('/')[0]!;
  if (group === '' && resource === 'namespaces') return false;
  if ((rule.verbs ?? []).some((v) => bindsInNamespace(v, group, entry))) return false;
  return isClusterScoped(group, resource);
}

// Per rules list (roles share theirs across bindings), worked out once.
const inNamespace = new WeakMap<readonly PolicyRule[], PolicyRule[]>();

/**
 * The rules a RoleBinding makes effective: without non-resource URLs and cluster-scoped
 * resources (its own Namespace object stays), a rule split per API group where the scope differs.
 */
export function namespaceRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const known = inNamespace.get(rules);
  if (known) return known;
  const kept = rules.flatMap((rule): PolicyRule[] => {
    const { nonResourceURLs: _urls, ...resourceRule } = rule;
    const groups = rule.apiGroups ?? [];
    const resources = rule.resources ?? [];
    if (resources.length === 0 || groups.length === 0) return [];
    const perGroup = groups.map((g) => resources.filter((r) => !resourceClusterScoped(rule, g, r)));
    if (perGroup.every((rs) => rs.length === resources.length)) return [resourceRule];
    return groups.flatMap((g, i) =>
      perGroup[i]!.length > 0 ? [{ ...resourceRule, apiGroups: [g], resources: perGroup[i]! }] : [],
    );
  });
  inNamespace.set(rules, kept);
  return kept;
}
