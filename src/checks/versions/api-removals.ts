// The API versions Kubernetes stopped serving, per resource, as data.
//
// Source: the Kubernetes "Deprecated API Migration Guide"
// (https://kubernetes.io/docs/reference/using-api/deprecation-guide/), sections v1.16 through
// v1.32, cross-read with the prerelease-lifecycle tags in k8s.io/api. The newest copy of the guide
// read (December 2026) has no section after v1.32: nothing is listed as removed in 1.33, and
// sections for 1.34 and 1.35 could not be read, so REMOVALS_CHECKED_THROUGH stays at 1.33 and a
// target past it is flagged as unchecked wherever it is offered (the API server's own metric still
// reports such removals through its removed_release label). Extend this table when a new section
// appears there. `replacement` is the apiVersion the guide points to that the target minor still
// serves (for flowcontrol, the v1 the guide names today).

/** One resource of one group/version that a Kubernetes minor no longer serves. */
export interface ApiRemoval {
  /** API group, '' for core. */
  group: string;
  version: string;
  /** Plural resource name as in the URL and the `apiserver_requested_deprecated_apis` metric. */
  resource: string;
  kind: string;
  /** The minor that stopped serving it, `1.25`. */
  removedIn: string;
  /** The apiVersion to move to, or undefined when there is none (PodSecurityPolicy). */
  replacement: string | undefined;
}

/** The newest minor the guide was checked for (it lists no removal for 1.33). */
export const REMOVALS_CHECKED_THROUGH = '1.33';

/** Where the table comes from, for the step's summary and the README. */
export const REMOVALS_SOURCE =
  'Kubernetes Deprecated API Migration Guide (kubernetes.io/docs/reference/using-api/deprecation-guide)';

type Row = [group: string, version: string, resource: string, kind: string, replacement?: string];

// One row per line reads as the guide's table does.
// prettier-ignore
const BY_MINOR: Record<string, Row[]> = {
  '1.16': [
    ['extensions', 'v1beta1', 'networkpolicies', 'NetworkPolicy', 'networking.k8s.io/v1'],
    ['extensions', 'v1beta1', 'podsecuritypolicies', 'PodSecurityPolicy', 'policy/v1beta1'],
    ['extensions', 'v1beta1', 'daemonsets', 'DaemonSet', 'apps/v1'],
    ['apps', 'v1beta2', 'daemonsets', 'DaemonSet', 'apps/v1'],
    ['extensions', 'v1beta1', 'deployments', 'Deployment', 'apps/v1'],
    ['apps', 'v1beta1', 'deployments', 'Deployment', 'apps/v1'],
    ['apps', 'v1beta2', 'deployments', 'Deployment', 'apps/v1'],
    ['apps', 'v1beta1', 'statefulsets', 'StatefulSet', 'apps/v1'],
    ['apps', 'v1beta2', 'statefulsets', 'StatefulSet', 'apps/v1'],
    ['extensions', 'v1beta1', 'replicasets', 'ReplicaSet', 'apps/v1'],
    ['apps', 'v1beta1', 'replicasets', 'ReplicaSet', 'apps/v1'],
    ['apps', 'v1beta2', 'replicasets', 'ReplicaSet', 'apps/v1'],
  ],
  '1.22': [
    ['admissionregistration.k8s.io', 'v1beta1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'],
    ['admissionregistration.k8s.io', 'v1beta1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1'],
    ['apiextensions.k8s.io', 'v1beta1', 'customresourcedefinitions', 'CustomResourceDefinition', 'apiextensions.k8s.io/v1'],
    ['apiregistration.k8s.io', 'v1beta1', 'apiservices', 'APIService', 'apiregistration.k8s.io/v1'],
    ['authentication.k8s.io', 'v1beta1', 'tokenreviews', 'TokenReview', 'authentication.k8s.io/v1'],
    ['authorization.k8s.io', 'v1beta1', 'subjectaccessreviews', 'SubjectAccessReview', 'authorization.k8s.io/v1'],
    ['authorization.k8s.io', 'v1beta1', 'localsubjectaccessreviews', 'LocalSubjectAccessReview', 'authorization.k8s.io/v1'],
    ['authorization.k8s.io', 'v1beta1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', 'authorization.k8s.io/v1'],
    ['authorization.k8s.io', 'v1beta1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', 'authorization.k8s.io/v1'],
    ['certificates.k8s.io', 'v1beta1', 'certificatesigningrequests', 'CertificateSigningRequest', 'certificates.k8s.io/v1'],
    ['coordination.k8s.io', 'v1beta1', 'leases', 'Lease', 'coordination.k8s.io/v1'],
    ['extensions', 'v1beta1', 'ingresses', 'Ingress', 'networking.k8s.io/v1'],
    ['networking.k8s.io', 'v1beta1', 'ingresses', 'Ingress', 'networking.k8s.io/v1'],
    ['networking.k8s.io', 'v1beta1', 'ingressclasses', 'IngressClass', 'networking.k8s.io/v1'],
    ['rbac.authorization.k8s.io', 'v1beta1', 'clusterroles', 'ClusterRole', 'rbac.authorization.k8s.io/v1'],
    ['rbac.authorization.k8s.io', 'v1beta1', 'clusterrolebindings', 'ClusterRoleBinding', 'rbac.authorization.k8s.io/v1'],
    ['rbac.authorization.k8s.io', 'v1beta1', 'roles', 'Role', 'rbac.authorization.k8s.io/v1'],
    ['rbac.authorization.k8s.io', 'v1beta1', 'rolebindings', 'RoleBinding', 'rbac.authorization.k8s.io/v1'],
    ['scheduling.k8s.io', 'v1beta1', 'priorityclasses', 'PriorityClass', 'scheduling.k8s.io/v1'],
    ['storage.k8s.io', 'v1beta1', 'csidrivers', 'CSIDriver', 'storage.k8s.io/v1'],
    ['storage.k8s.io', 'v1beta1', 'csinodes', 'CSINode', 'storage.k8s.io/v1'],
    ['storage.k8s.io', 'v1beta1', 'storageclasses', 'StorageClass', 'storage.k8s.io/v1'],
    ['storage.k8s.io', 'v1beta1', 'volumeattachments', 'VolumeAttachment', 'storage.k8s.io/v1'],
  ],
  '1.25': [
    ['batch', 'v1beta1', 'cronjobs', 'CronJob', 'batch/v1'],
    ['discovery.k8s.io', 'v1beta1', 'endpointslices', 'EndpointSlice', 'discovery.k8s.io/v1'],
    ['events.k8s.io', 'v1beta1', 'events', 'Event', 'events.k8s.io/v1'],
    ['autoscaling', 'v2beta1', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'autoscaling/v2'],
    ['policy', 'v1beta1', 'poddisruptionbudgets', 'PodDisruptionBudget', 'policy/v1'],
    ['policy', 'v1beta1', 'podsecuritypolicies', 'PodSecurityPolicy'],
    ['node.k8s.io', 'v1beta1', 'runtimeclasses', 'RuntimeClass', 'node.k8s.io/v1'],
  ],
  '1.26': [
    ['flowcontrol.apiserver.k8s.io', 'v1beta1', 'flowschemas', 'FlowSchema', 'flowcontrol.apiserver.k8s.io/v1'],
    ['flowcontrol.apiserver.k8s.io', 'v1beta1', 'prioritylevelconfigurations', 'PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1'],
    ['autoscaling', 'v2beta2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'autoscaling/v2'],
  ],
  '1.27': [
    ['storage.k8s.io', 'v1beta1', 'csistoragecapacities', 'CSIStorageCapacity', 'storage.k8s.io/v1'],
  ],
  '1.29': [
    ['flowcontrol.apiserver.k8s.io', 'v1beta2', 'flowschemas', 'FlowSchema', 'flowcontrol.apiserver.k8s.io/v1'],
    ['flowcontrol.apiserver.k8s.io', 'v1beta2', 'prioritylevelconfigurations', 'PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1'],
  ],
  '1.32': [
    ['flowcontrol.apiserver.k8s.io', 'v1beta3', 'flowschemas', 'FlowSchema', 'flowcontrol.apiserver.k8s.io/v1'],
    ['flowcontrol.apiserver.k8s.io', 'v1beta3', 'prioritylevelconfigurations', 'PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1'],
  ],
};

/** Every removal, oldest minor first. */
export const API_REMOVALS: readonly ApiRemoval[] = Object.entries(BY_MINOR).flatMap(
  ([removedIn, rows]) =>
    rows.map(([group, version, resource, kind, replacement]) => ({
      group,
      version,
      resource,
      kind,
      removedIn,
      replacement,
    })),
);

/** `batch/v1beta1`, or `v1` for the core group. */
export function groupVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

/** `batch/v1beta1` → group `batch`, version `v1beta1`; `v1` → core. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The removal of a resource (by plural name) or kind at a group/version, if the table has one. */
export function removalOf(
  group: string,
  version: string,
  by: { resource?: string; kind?: string },
): ApiRemoval | undefined {
  return API_REMOVALS.find(
    (r) =>
      r.group === group &&
      r.version === version &&
      (by.resource !== undefined ? r.resource === by.resource : r.kind === by.kind),
  );
}

/** Kinds that are requests, not stored objects: nothing to list. */
const NOT_STORED = /Review$/;

/**
 * The kinds to list for their last-applied configuration: each kind the table names, at a
 * group/version the server serves (its replacement first, else a still-served old version).
 */
export function kindsToRead(
  served: readonly string[],
): Array<{ apiVersion: string; kind: string }> {
  const out = new Map<string, string>();
  for (const r of API_REMOVALS) {
    if (NOT_STORED.test(r.kind) || out.has(r.kind)) continue;
    const candidates = [
      r.replacement,
      ...API_REMOVALS.filter((x) => x.kind === r.kind).map((x) =>
        groupVersionOf(x.group, x.version),
      ),
    ];
    const at = candidates.find((gv) => gv !== undefined && served.includes(gv));
    if (at) out.set(r.kind, at);
  }
  return [...out].map(([kind, apiVersion]) => ({ apiVersion, kind }));
}
