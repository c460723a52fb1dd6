import type { BuiltInScenario } from './types.js';
import { IMAGES, REGION_VERSIONS } from './versions.js';

const cluster = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: >-
  An auditor who may read every RBAC object but create none: the rbac step shows its findings
  (users by UPN, guest and object id, a default ServiceAccount, a wildcard role) and hides the
  user-to-group replacement with the reason.
cluster:
  resourceGroup: rg-rbac-auditor
  name: aks-rbac-auditor
  location: westeurope
  kubernetesVersion: 1.31.8
  aadProfile:
    managed: true
  pools:
    - name: system
      mode: System
      count: 1
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
${REGION_VERSIONS}operator:
  user: auditor@contoso.com
  groups: [security-auditors]
  armRole: cluster-user
clockSpeed: 600
`;

const objects = `apiVersion: v1
kind: Namespace
metadata:
  name: team-a
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: rbac-auditor
rules:
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [roles, rolebindings, clusterroles, clusterrolebindings]
    verbs: [get, list, watch]
  - apiGroups: [""]
    resources: [nodes, namespaces, pods, serviceaccounts]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: security-auditors
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: security-auditors
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: rbac-auditor
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: team-a
rules:
  - apiGroups: [apps]
    resources: ["*"]
    verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: team-a-deployers
  namespace: team-a
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: robin@contoso.com
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: kim_fabrikam.com#EXT#@contoso.onmicrosoft.com
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: 0b7e9a52-41c3-4d8e-9f6a-2c1d3e4f5a6b
  - kind: ServiceAccount
    name: default
    namespace: team-a
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: deployer
`;

/** An operator who can read RBAC but not change it, and bindings with every kind of user subject. */
export function rbacAuditor(): BuiltInScenario {
  return {
    files: [
      { name: 'rbac-auditor/cluster.yaml', text: cluster },
      { name: 'rbac-auditor/rbac.yaml', text: objects },
    ],
  };
}
