import type { BuiltInScenario } from './types.js';
import { IMAGES, REGION_VERSIONS, daysAgo } from './versions.js';

/** When the kured-managed node asked for its reboot, and when kured took its lock. */
const REBOOT_NEEDED = daysAgo(2);
const LOCK_TAKEN = daysAgo(2 - 60 / 86_400);

/** Object id of the Entra group the operator belongs to (bound to cluster-admin). */
const ADMIN_GROUP = '6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f';

/**
 * The tenant Microsoft Graph serves: the people bound in the cluster, the admin group, and groups
 * to replace them with (one of them only a distribution list, one empty).
 */
const ENTRA = `entra:
  operatorPermissions: [Directory.Read.All]
  users:
    - { id: 0b6f7a3c-1d2e-4f50-8a9b-0c1d2e3f4a5b, displayName: Alex Kim, userPrincipalName: alex@contoso.com }
    - { id: 1c7a8b4d-2e3f-4a61-9bac-1d2e3f4a5b6c, displayName: Jordan Reyes, userPrincipalName: jordan@contoso.com }
    - { id: 2d8b9c5e-3f4a-4b72-acbd-2e3f4a5b6c7d, displayName: Sam Patel, userPrincipalName: sam@contoso.com }
    - { id: 3e9cad6f-4a5b-4c83-bdce-3f4a5b6c7d8e, displayName: Priya Nair, userPrincipalName: priya@contoso.com }
  groups:
    - id: ${ADMIN_GROUP}
      displayName: aks-shop-prod-admins
      description: Cluster admins of aks-shop-prod (AKS admin group)
      members: [alex@contoso.com]
    - id: 7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70
      displayName: platform-admins
      members: [jordan@contoso.com, priya@contoso.com, ${ADMIN_GROUP}]
    - id: 8b3e4c60-5d7f-4e90-b1a2-3c4d5e6f7081
      displayName: platform-announcements
      securityEnabled: false
      mailEnabled: true
      members: [jordan@contoso.com, sam@contoso.com]
    - id: 9c4f5d71-6e80-4fa1-82b3-4d5e6f708192
      displayName: platform-oncall
      members: []
    - id: ad506e82-7f91-4ab2-93c4-5e6f708192a3
      displayName: payments-secrets-readers
      members: [sam@contoso.com]
`;

const cluster = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: >-
  Training cluster with one finding for every checklist step: a user bound directly, namespaces
  without an IMDS egress policy, a privileged pod, a Kubernetes upgrade and a newer node image, a PDB
  that blocks drains, a Windows pool, a node waiting for a kured reboot, and Defender off.
cluster:
  subscriptionId: 3f2b9c1e-7d4a-4e8b-a1c6-5d9e0f1a2b3c
  resourceGroup: rg-shop-prod
  name: aks-shop-prod
  location: westeurope
  kubernetesVersion: 1.31.8
  dnsPrefix: aks-shop-prod
  tags:
    env: prod
    owner: platform-team
  sku:
    name: Base
    tier: Standard
  aadProfile:
    managed: true
    enableAzureRBAC: false
    adminGroupObjectIDs: [${ADMIN_GROUP}]
  disableLocalAccounts: false
  apiServerAccessProfile:
    authorizedIPRanges: []
  networkProfile:
    networkPlugin: azure
    networkPluginMode: overlay
    networkPolicy: calico
  autoUpgradeProfile:
    upgradeChannel: none
    nodeOSUpgradeChannel: Unmanaged
  pools:
    - name: system
      mode: System
      count: 2
      vmSize: Standard_D4ds_v5
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
      availabilityZones: ["1", "2", "3"]
      upgradeSettings:
        maxSurge: 33%
        drainTimeoutInMinutes: 30
      nodes:
        - index: 1
          annotations:
            weave.works/kured-most-recent-reboot-needed: "${REBOOT_NEEDED}"
            weave.works/kured-reboot-in-progress: "${REBOOT_NEEDED}"
    - name: apps
      mode: User
      count: 3
      vmSize: Standard_D8ds_v5
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
      availabilityZones: ["1", "2", "3"]
      upgradeSettings:
        maxSurge: 10%
        drainTimeoutInMinutes: 5
    - name: win
      mode: User
      count: 1
      vmSize: Standard_D4ds_v5
      osType: Windows
      osSKU: Windows2022
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.windows}
      latestNodeImageVersion: ${IMAGES.windowsLatest}
      nodeTaints: ["os=windows:NoSchedule"]
${REGION_VERSIONS}${ENTRA}operator:
  user: alex@contoso.com
  groups: [${ADMIN_GROUP}]
  armRole: contributor
clockSpeed: 10
`;

const namespaces = ['shop', 'payments', 'monitoring']
  .map(
    (ns) =>
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    kubernetes.io/metadata.name: ${ns}\n`,
  )
  .join('---\n');

const rbac = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: aks-admins-cluster-admin
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: ${ADMIN_GROUP}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: jordan-cluster-admin
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: jordan@contoso.com
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: secret-reader
  namespace: payments
rules:
  - apiGroups: [""]
    resources: [secrets]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: sam-secret-reader
  namespace: payments
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: User
    name: sam@contoso.com
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: secret-reader
`;

function deployment(ns: string, name: string, replicas: number, extra = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
    app: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      nodeSelector:
        kubernetes.io/os: linux
      containers:
        - name: ${name}
          image: contoso.azurecr.io/${name}:1.4.2
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
${extra}`;
}

// The workloads come as a List, the way `kubectl get deploy -A -o yaml` prints them.
const workloads = `apiVersion: v1
kind: List
metadata:
  resourceVersion: ""
items:
${[
  deployment('shop', 'storefront', 3),
  deployment('shop', 'cart', 2),
  deployment('payments', 'payments-api', 2),
  deployment(
    'monitoring',
    'log-shipper',
    1,
    `          securityContext:\n            privileged: true\n`,
  ),
]
  .map((d) => d.replace(/^/gm, '    ').replace(/^ {4}/, '  - '))
  .join('\n')}
`;

const more = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: orders-db
  namespace: payments
spec:
  serviceName: orders-db
  replicas: 1
  selector:
    matchLabels:
      app: orders-db
  template:
    metadata:
      labels:
        app: orders-db
    spec:
      nodeSelector:
        kubernetes.azure.com/agentpool: apps
      containers:
        - name: postgres
          image: postgres:16.3
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: orders-db
  namespace: payments
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: orders-db
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: storefront
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: storefront
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: block-imds
  namespace: payments
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [169.254.169.254/32]
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kured
  namespace: kube-system
  annotations:
    weave.works/kured-node-lock: '{"nodeID":"manual","metadata":{"unschedulable":false},"created":"${LOCK_TAKEN}","TTL":0}'
spec:
  selector:
    matchLabels:
      name: kured
  template:
    metadata:
      labels:
        name: kured
    spec:
      nodeSelector:
        kubernetes.io/os: linux
      hostPID: true
      containers:
        - name: kured
          image: ghcr.io/kubereboot/kured:1.17.1
          securityContext:
            privileged: true
`;

/** The `--demo` cluster: ~6 nodes in 3 pools and a finding for every step. */
export function demo(): BuiltInScenario {
  return {
    files: [
      { name: 'demo/cluster.yaml', text: cluster },
      { name: 'demo/namespaces.yaml', text: namespaces },
      { name: 'demo/rbac.yaml', text: rbac },
      { name: 'demo/workloads.yaml', text: workloads },
      { name: 'demo/platform.yaml', text: more },
    ],
  };
}
