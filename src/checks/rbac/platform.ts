import { CONTROLLER_CEILINGS } from './controller-ceilings.js';
import { wildcardTexts } from './probes.js';
import { capabilitiesInRules } from './questions.js';
import type { Binding } from './types.js';
import type { PolicyRule, RbacMeta, Subject } from '../../model/rbac.js';

// Kubernetes' own identities, by exact name. The controller manager (it mints any
// ServiceAccount's token) and the API server hold every right already, so a binding cannot add to
// them. Nothing else is exempt everywhere: not a ServiceAccount for living in kube-system, not a
// name for starting with `system:`, and never the `system:serviceaccounts` groups or the "anyone"
// groups.
const SYSTEM_USERS = new Set(['system:kube-controller-manager', 'system:apiserver']);
// kube-proxy and the scheduler hold narrow rights, and kube-proxy's credential sits on every node:
// like system:nodes, they are exempt only in their bootstrap bindings (binding and ClusterRole of
// the same name); a dangerous grant anywhere else is a finding.
const BOOTSTRAP_ONLY_USERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['system:kube-proxy', ['system:node-proxier']],
  ['system:kube-scheduler', ['system:kube-scheduler', 'system:volume-scheduler']],
]);
// Only system:masters among groups: it holds every right before RBAC is asked, so a binding
// cannot add to it (naming it is still a finding of its own: masters.ts). Groups such as system:nodes or system:bootstrappers are held by every node or
// bootstrap token: a dangerous grant to them is a finding (their default bindings are matched
// exactly, in managed.ts and below, and grant nothing dangerous).
const SYSTEM_GROUPS = new Set(['system:masters']);
const CONTROLLER = 'system:controller:';
// The controllers the Kubernetes bootstrap policy gives a ClusterRoleBinding and ClusterRole
// `system:controller:<c>` for ServiceAccount kube-system/<c> (bootstrappolicy testdata
// controller-role-bindings.yaml and controller-roles-featuregates.yaml, up to 1.35). The pattern
// alone is anyone's to choose: add-ons name their own roles `system:controller:…` too.
const CLUSTER_CONTROLLERS = new Set([
  'attachdetach-controller',
  'certificate-controller',
  'clusterrole-aggregation-controller',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'device-taint-eviction-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'ephemeral-volume-controller',
  'expand-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'kube-apiserver-serving-clustertrustbundle-publisher',
  'legacy-service-account-token-cleaner',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'podcertificaterequestcleaner',
  'podcheckpoint-controller',
  'podgroup-protection-controller',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'replication-controller',
  'resource-claim-controller',
  'resourcepoolstatusrequest-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'route-controller',
  'selinux-warning-controller',
  'service-account-controller',
  'service-cidrs-controller',
  'service-controller',
  'statefulset-controller',
  'storage-version-garbage-collector',
  'storage-version-migrator-controller',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
  'volumeattributesclass-protection-controller',
]);
// The bootstrap RoleBindings of a Role `system:controller:<c>`, by namespace
// (namespace-role-bindings.yaml).
const NAMESPACED_CONTROLLERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['bootstrap-signer', ['kube-system', 'kube-public']],
  ['token-cleaner', ['kube-system']],
  ['cloud-provider', ['kube-system']],
]);

/** Whether a binding is where the bootstrap policy binds controller `c` (name and role `system:controller:<c>`). */
function isControllerBinding(c: string, b: Binding): boolean {
  const name = `${CONTROLLER}${c}`;
  const ref = b.object.roleRef;
  if (b.name !== name || ref.name !== name) return false;
  if (b.kind === 'ClusterRoleBinding')
    return ref.kind === 'ClusterRole' && CLUSTER_CONTROLLERS.has(c);
  return ref.kind === 'Role' && (NAMESPACED_CONTROLLERS.get(c) ?? []).includes(b.namespace ?? '');
}

// Their bootstrap roles grant no capability and no wildcard; RBAC reads a role by name at each
// request, so an edited one hands the additions to every holder of the identity.
function narrow(rules: readonly PolicyRule[] | undefined): boolean {
  return rules === undefined || !grantsBeyond([], rules);
}

/** Whether `rules` grant a capability or wildcard that `ceiling` does not. */
export function grantsBeyond(
  ceiling: readonly PolicyRule[],
  rules: readonly PolicyRule[],
): boolean {
  const allowed = new Set(capabilitiesInRules(ceiling));
  const wild = new Set(wildcardTexts([...ceiling]));
  return (
    capabilitiesInRules(rules).some((c) => !allowed.has(c)) ||
    wildcardTexts([...rules]).some((w) => !wild.has(w))
  );
}

// A controller's role as Kubernetes makes it: no dangerous right beyond its bootstrap role's
// (CONTROLLER_CEILINGS). A role that could not be read is unknown, so not exempt: it is checked.
function controllerRoleOwn(c: string, rules: readonly PolicyRule[] | undefined): boolean {
  return rules !== undefined && !grantsBeyond(CONTROLLER_CEILINGS.get(c) ?? [], rules);
}

/**
 * Whether a subject of a binding is one of Kubernetes' own identities and is left unchecked: the
 * control-plane users and groups above (kube-proxy and the scheduler in their own bootstrap
 * bindings only, while `rules`, the binding's role, grants nothing dangerous), and a controller's
 * ServiceAccount kube-system/<c> in the bootstrap binding `system:controller:<c>` of the role of
 * the same name, for the controllers Kubernetes has (and only there), while that role grants no
 * dangerous right beyond its bootstrap rules.
 */
export function isExemptSubject(s: Subject, b: Binding, rules?: readonly PolicyRule[]): boolean {
  if (s.kind === 'User') {
    const own = BOOTSTRAP_ONLY_USERS.get(s.name);
    if (own === undefined) return SYSTEM_USERS.has(s.name);
    return (
      b.kind === 'ClusterRoleBinding' &&
      own.includes(b.name) &&
      b.object.roleRef.kind === 'ClusterRole' &&
      b.object.roleRef.name === b.name &&
      narrow(rules)
    );
  }
  if (s.kind === 'Group') return SYSTEM_GROUPS.has(s.name);
  if (s.kind !== 'ServiceAccount') return false;
  return (
    (s.namespace || b.namespace) === 'kube-system' &&
    isControllerBinding(s.name, b) &&
    controllerRoleOwn(s.name, rules)
  );
}

const getUrls = (nonResourceURLs: string[]): PolicyRule => ({ verbs: ['get'], nonResourceURLs });
const HEALTH = ['/healthz', '/livez', '/readyz', '/version', '/version/'];

/**
 * Kubernetes' default bindings for broad groups: every name, role and subject must match, and
 * the role may grant no more than its bootstrap rules (Kubernetes' bootstrap policy). A default
 * role can be edited (with autoupdate off the API server keeps the edit), and then "anyone" holds
 * whatever was added.
 */
const KUBERNETES_DEFAULTS: Array<{ name: string; subjects: string[]; rules: PolicyRule[] }> = [
  {
    name: 'system:discovery',
    subjects: ['Group:system:authenticated'],
    rules: [getUrls(['/api', '/api/*', '/apis', '/apis/*', '/openapi', '/openapi/*', ...HEALTH])],
  },
  {
    name: 'system:basic-user',
    subjects: ['Group:system:authenticated'],
    rules: [
      {
        verbs: ['create'],
        apiGroups: ['authorization.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      },
      {
        verbs: ['create'],
        apiGroups: ['authentication.k8s.io'],
        resources: ['selfsubjectreviews'],
      },
    ],
  },
  {
    name: 'system:public-info-viewer',
    subjects: ['Group:system:authenticated', 'Group:system:unauthenticated'],
    rules: [getUrls(HEALTH)],
  },
  {
    name: 'system:service-account-issuer-discovery',
    subjects: ['Group:system:serviceaccounts'],
    rules: [
      getUrls([
        '/.well-known/openid-configuration',
        '/.well-known/openid-configuration/',
        '/openid/v1/jwks',
        '/openid/v1/jwks/',
      ]),
    ],
  },
];

const within = (xs: readonly string[] | undefined, ys: readonly string[] | undefined) =>
  (xs ?? []).every((x) => (ys ?? []).includes(x));

/** Whether one rule grants nothing beyond one bootstrap rule, entry by entry (`*` only as `*`). */
function ruleWithin(rule: PolicyRule, known: PolicyRule): boolean {
  return (
    within(rule.verbs, known.verbs) &&
    within(rule.apiGroups, known.apiGroups) &&
    within(rule.resources, known.resources) &&
    within(rule.nonResourceURLs, known.nonResourceURLs) &&
    ((known.resourceNames ?? []).length === 0 || within(rule.resourceNames, known.resourceNames))
  );
}

/** `Kind:name` (`Kind:namespace/name` for a ServiceAccount), to compare subject lists as sets. */
export function subjectKey(s: Subject, bindingNamespace = ''): string {
  return s.kind === 'ServiceAccount'
    ? `${s.kind}:${s.namespace || bindingNamespace}/${s.name}`
    : `${s.kind}:${s.name}`;
}

/** Whether two subject lists name the same subjects (order and duplicates aside). */
export function sameSubjects(a: string[], b: string[]): boolean {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((k) => y.has(k));
}

/**
 * The subjects Kubernetes gives a default binding for broad groups (discovery, basic-user,
 * public-info-viewer, service-account-issuer-discovery), as `subjectKey`s, when `b` is one: its
 * ClusterRole of the same name, its role's `rules` (resolved) no more than the bootstrap ones.
 * Undefined otherwise. Subjects beyond these (system:unauthenticated kept by a cluster upgraded
 * from before 1.14, anyone added later) are not the default and are checked.
 */
export function kubernetesDefaultSubjects(
  b: Binding,
  rules: readonly PolicyRule[] | undefined,
): string[] | undefined {
  const known = KUBERNETES_DEFAULTS.find((d) => d.name === b.name);
  const ref = b.object.roleRef;
  const matches =
    known !== undefined &&
    rules !== undefined &&
    rules.every((r) => known.rules.some((k) => ruleWithin(r, k))) &&
    b.kind === 'ClusterRoleBinding' &&
    ref.kind === 'ClusterRole' &&
    ref.name === b.name;
  return matches ? known.subjects : undefined;
}

/** The ClusterRoles AKS's own add-ons feed into admin, edit and view (metrics-server's reader). */
export const AKS_AGGREGATORS = new Set(['system:aggregated-metrics-reader']);

/** Labels AKS's addon manager and AKS itself put on what they own; anyone can set them too. */
export function carriesAksLabel(meta: RbacMeta | undefined): boolean {
  const labels = meta?.labels ?? {};
  return (
    'addonmanager.kubernetes.io/mode' in labels ||
    labels['kubernetes.azure.com/managedby'] === 'aks'
  );
}

/** The Kubernetes ClusterRoles that feed admin, edit and view by design (edit feeds admin, view edit). */
export const KUBERNETES_AGGREGATORS = new Set([
  'edit',
  'view',
  'system:aggregate-to-admin',
  'system:aggregate-to-edit',
  'system:aggregate-to-view',
]);
