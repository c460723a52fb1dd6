import type { ResourceType } from './types.js';

const rw = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function t(
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  extra: Partial<ResourceType> = {},
): ResourceType {
  return {
    group,
    version,
    resource,
    kind,
    namespaced,
    singular: kind.toLowerCase(),
    verbs: rw,
    ...extra,
  };
}

const SCALE = {
  name: 'scale',
  kind: 'Scale',
  group: 'autoscaling',
  version: 'v1',
  verbs: ['get', 'patch', 'update'],
};

/** Every resource the simulated API server serves, in discovery order. */
export const RESOURCES: ResourceType[] = [
  t('', 'v1', 'namespaces', 'Namespace', false, {
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  t('', 'v1', 'nodes', 'Node', false, { shortNames: ['no'] }),
  t('', 'v1', 'pods', 'Pod', true, {
    shortNames: ['po'],
    categories: ['all'],
    subresources: [
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
      { name: 'status', kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
    ],
  }),
  t('', 'v1', 'serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
  t('', 'v1', 'events', 'Event', true, { shortNames: ['ev'] }),
  // Helm v3 keeps its release records here (type helm.sh/release.v1).
  t('', 'v1', 'secrets', 'Secret', true),
  // ... or here with Helm's ConfigMap storage driver (labelled owner=helm).
  t('', 'v1', 'configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  t('apps', 'v1', 'deployments', 'Deployment', true, {
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: [SCALE],
  }),
  t('apps', 'v1', 'replicasets', 'ReplicaSet', true, {
    shortNames: ['rs'],
    categories: ['all'],
    subresources: [SCALE],
  }),
  t('apps', 'v1', 'statefulsets', 'StatefulSet', true, {
    shortNames: ['sts'],
    categories: ['all'],
    subresources: [SCALE],
  }),
  t('apps', 'v1', 'daemonsets', 'DaemonSet', true, { shortNames: ['ds'], categories: ['all'] }),
  // Stored only (no Job controller): enough for clients that follow pods to their Job and CronJob.
  t('batch', 'v1', 'jobs', 'Job', true, { categories: ['all'] }),
  t('batch', 'v1', 'cronjobs', 'CronJob', true, { shortNames: ['cj'], categories: ['all'] }),
  t('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, {
    shortNames: ['pdb'],
    subresources: [
      { name: 'status', kind: 'PodDisruptionBudget', verbs: ['get', 'patch', 'update'] },
    ],
  }),
  t('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false),
  t('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  t('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true),
  t('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true),
  t('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, {
    shortNames: ['netpol'],
  }),
  // Each node's kubelet heartbeat (kube-node-lease), which `kubectl describe node` shows.
  t('coordination.k8s.io', 'v1', 'leases', 'Lease', true),
  // Deprecated in 1.29, no longer served from 1.32 (Kubernetes deprecation guide): what an older
  // scenario serves so that a client (kubectl) can call a deprecated API.
  t('flowcontrol.apiserver.k8s.io', 'v1beta3', 'flowschemas', 'FlowSchema', false, {
    removedIn: '1.32',
  }),
  t(
    'flowcontrol.apiserver.k8s.io',
    'v1beta3',
    'prioritylevelconfigurations',
    'PriorityLevelConfiguration',
    false,
    {
      removedIn: '1.32',
    },
  ),
  t('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', false, {
    verbs: ['create'],
  }),
  t('authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', 'SelfSubjectRulesReview', false, {
    verbs: ['create'],
  }),
  t('authorization.k8s.io', 'v1', 'subjectaccessreviews', 'SubjectAccessReview', false, {
    verbs: ['create'],
  }),
  t('authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', false, {
    verbs: ['create'],
  }),
  // Served by AKS's metrics-server through API aggregation: read only, computed, never stored.
  t('metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', false, { verbs: ['get', 'list'] }),
  t('metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', true, { verbs: ['get', 'list'] }),
  // The engines' own policy kinds, as their CRDs declare them (Cilium's cilium.io/v2; Calico's
  // crd.projectcalico.org/v1, installed on AKS by the Tigera operator). Last, so that kubectl's
  // `networkpolicies` stays networking.k8s.io's.
  t('cilium.io', 'v2', 'ciliumnetworkpolicies', 'CiliumNetworkPolicy', true, {
    shortNames: ['cnp', 'ciliumnp'],
    categories: ['cilium', 'ciliumpolicy'],
    engine: 'cilium',
  }),
  t(
    'cilium.io',
    'v2',
    'ciliumclusterwidenetworkpolicies',
    'CiliumClusterwideNetworkPolicy',
    false,
    {
      shortNames: ['ccnp'],
      categories: ['cilium', 'ciliumpolicy'],
      engine: 'cilium',
    },
  ),
  t('crd.projectcalico.org', 'v1', 'networkpolicies', 'NetworkPolicy', true, { engine: 'calico' }),
  t('crd.projectcalico.org', 'v1', 'globalnetworkpolicies', 'GlobalNetworkPolicy', false, {
    engine: 'calico',
  }),
];

function find(group: string, resource: string): ResourceType {
  const found = RESOURCES.find((r) => r.group === group && r.resource === resource);
  if (!found) throw new Error(`unknown resource ${group}/${resource}`);
  return found;
}

/** Shorthands for the resource types the simulator's own logic touches. */
export const R = {
  namespaces: find('', 'namespaces'),
  nodes: find('', 'nodes'),
  pods: find('', 'pods'),
  serviceaccounts: find('', 'serviceaccounts'),
  events: find('', 'events'),
  deployments: find('apps', 'deployments'),
  replicasets: find('apps', 'replicasets'),
  statefulsets: find('apps', 'statefulsets'),
  daemonsets: find('apps', 'daemonsets'),
  jobs: find('batch', 'jobs'),
  cronjobs: find('batch', 'cronjobs'),
  pdbs: find('policy', 'poddisruptionbudgets'),
  clusterroles: find('rbac.authorization.k8s.io', 'clusterroles'),
  clusterrolebindings: find('rbac.authorization.k8s.io', 'clusterrolebindings'),
  roles: find('rbac.authorization.k8s.io', 'roles'),
  rolebindings: find('rbac.authorization.k8s.io', 'rolebindings'),
  subjectaccessreviews: find('authorization.k8s.io', 'subjectaccessreviews'),
  networkpolicies: find('networking.k8s.io', 'networkpolicies'),
  leases: find('coordination.k8s.io', 'leases'),
  ciliumnetworkpolicies: find('cilium.io', 'ciliumnetworkpolicies'),
  ciliumclusterwidenetworkpolicies: find('cilium.io', 'ciliumclusterwidenetworkpolicies'),
  caliconetworkpolicies: find('crd.projectcalico.org', 'networkpolicies'),
  calicoglobalnetworkpolicies: find('crd.projectcalico.org', 'globalnetworkpolicies'),
};

/** The resource type for an object's apiVersion and kind, if served (and stored: not metrics). */
export function typeOfObject(apiVersion: string, kind: string): ResourceType | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'metrics.k8s.io') return undefined;
  return RESOURCES.find((r) => r.group === group && r.version === version && r.kind === kind);
}
