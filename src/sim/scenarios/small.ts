import type { BuiltInScenario } from './types.js';
import { ADMIN_GROUP, IMAGES, REGION_VERSIONS } from './versions.js';

/** A one-pool descriptor for focused scenarios; `pool` and `operator` are YAML fragments. */
function descriptor(name: string, description: string, pool: string, operator: string): string {
  return `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: ${JSON.stringify(description)}
cluster:
  resourceGroup: rg-${name}
  name: aks-${name}
  location: westeurope
  kubernetesVersion: 1.31.8
  aadProfile:
    managed: true
    adminGroupObjectIDs: [${ADMIN_GROUP}]
  pools:
    - name: system
      mode: System
      count: 2
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
${pool}${REGION_VERSIONS}operator:
${operator}clockSpeed: 600
`;
}

/** A single-replica database (StatefulSet `data/ledger`) whose PDB allows no disruption. */
export const LEDGER_OBJECTS = `apiVersion: v1
kind: Namespace
metadata:
  name: data
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ledger
  namespace: data
spec:
  serviceName: ledger
  replicas: 1
  selector:
    matchLabels:
      app: ledger
  template:
    metadata:
      labels:
        app: ledger
    spec:
      containers:
        - name: ledger
          image: contoso.azurecr.io/ledger:2.0.1
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ledger
  namespace: data
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: ledger
`;

/** A single-replica database behind `minAvailable: 1`: every drain of its node is blocked. */
export function strictPdb(): BuiltInScenario {
  const pool = `      upgradeSettings:\n        maxSurge: "1"\n        drainTimeoutInMinutes: 5\n`;
  return {
    files: [
      {
        name: 'strict-pdb/cluster.yaml',
        text: descriptor(
          'strict-pdb',
          'A PDB with zero allowed disruptions blocks every drain.',
          pool,
          `  user: operator@contoso.com\n  groups: [${ADMIN_GROUP}]\n`,
        ),
      },
      { name: 'strict-pdb/LEDGER_OBJECTS.yaml', text: LEDGER_OBJECTS },
    ],
  };
}

/** An operator who may read ARM and get a user kubeconfig, and is bound only to `view`. */
export function limitedRights(): BuiltInScenario {
  const objects = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: support-view
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: support-engineers
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
---
# Connect lists nodes for the cluster card; \`view\` does not cover cluster-scoped nodes.
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-viewer
rules:
  - apiGroups: [""]
    resources: [nodes]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: support-node-viewer
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: support-engineers
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: node-viewer
`;
  return {
    files: [
      {
        name: 'limited-rights/cluster.yaml',
        text: descriptor(
          'limited-rights',
          'The operator can look but not change: ARM cluster-user role, Kubernetes view.',
          '',
          '  user: intern@contoso.com\n  groups: [support-engineers]\n  armRole: cluster-user\n',
        ),
      },
      { name: 'limited-rights/rbac.yaml', text: objects },
    ],
  };
}
