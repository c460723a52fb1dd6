import type { BuiltInScenario } from './types.js';
import { ADMIN_GROUP, IMAGES, REGION_VERSIONS } from './versions.js';

const cluster = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: >-
  The bindings a careful RBAC reviewer tries: cluster-admin for every ServiceAccount, for one
  namespace's ServiceAccounts, for a ServiceAccount named as a user and as a subject; wildcards in
  the apps and monitoring.coreos.com groups; exec through */exec (and pods/*, which grants nothing);
  a backdoor binding wearing AKS's managed label; the Entra admin group bound a second time; and
  authorized IP ranges of four /2 blocks that together admit the whole internet.
cluster:
  resourceGroup: rg-rbac-review
  name: aks-rbac-review
  location: westeurope
  kubernetesVersion: 1.31.8
  aadProfile:
    managed: true
    adminGroupObjectIDs: [${ADMIN_GROUP}]
  disableLocalAccounts: true
  apiServerAccessProfile:
    authorizedIPRanges: [0.0.0.0/2, 64.0.0.0/2, 128.0.0.0/2, 192.0.0.0/2]
  pools:
    - name: system
      mode: System
      count: 1
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
${REGION_VERSIONS}operator:
  user: reviewer@contoso.com
  groups: [${ADMIN_GROUP}]
clockSpeed: 600
`;

const clusterAdmin = (
  name: string,
  subject: string,
  labels = '',
): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ${name}${labels}
subjects:
  - ${subject}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`;

const role = (name: string, rule: string): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ${name}
rules:
  - ${rule}
`;

const binding = (
  name: string,
  roleName: string,
  subject: string,
): string => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ${name}
subjects:
  - ${subject}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ${roleName}
`;

const group = (name: string) =>
  `{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "${name}"}`;
const user = (name: string) => `{apiGroup: rbac.authorization.k8s.io, kind: User, name: "${name}"}`;
const SUPPORT = '3c9d2e71-5b8a-4f06-9e1d-7a2b4c6d8e0f';
const APPS = '8e1f3a5c-7d9b-4c2e-a0f4-6b8d0e2f4a6c';

const objects = [
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n',
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n',
  clusterAdmin('all-serviceaccounts-admin', group('system:serviceaccounts')),
  clusterAdmin('payments-serviceaccounts-admin', group('system:serviceaccounts:payments')),
  clusterAdmin('attacker-admin', user('system:serviceaccount:default:attacker')),
  clusterAdmin('payments-api-admin', '{kind: ServiceAccount, name: api, namespace: payments}'),
  clusterAdmin(
    'aks-backdoor',
    user('mallory@contoso.com'),
    '\n  labels:\n    addonmanager.kubernetes.io/mode: Reconcile',
  ),
  clusterAdmin('aks-admins-cluster-admin', group(ADMIN_GROUP)),
  role('apps-everything', '{apiGroups: [apps], resources: ["*"], verbs: ["*"]}'),
  binding('apps-operators', 'apps-everything', group(APPS)),
  role(
    'monitoring-everything',
    '{apiGroups: [monitoring.coreos.com], resources: ["*"], verbs: ["*"]}',
  ),
  binding(
    'prometheus-operator',
    'monitoring-everything',
    '{kind: ServiceAccount, name: prometheus-operator, namespace: monitoring}',
  ),
  role('exec-anywhere', '{apiGroups: [""], resources: ["*/exec"], verbs: [create]}'),
  binding('support-exec', 'exec-anywhere', group(SUPPORT)),
  role('pod-subresources', '{apiGroups: [""], resources: ["pods/*"], verbs: [get, create]}'),
  binding('support-pod-subresources', 'pod-subresources', group(SUPPORT)),
].join('---\n');

/** The RBAC and API-access cases of a careful review, for the rbac and api-access steps. */
export function rbacReview(): BuiltInScenario {
  return {
    files: [
      { name: 'rbac-review/cluster.yaml', text: cluster },
      { name: 'rbac-review/rbac.yaml', text: objects },
    ],
  };
}
