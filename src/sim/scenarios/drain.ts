import type { BuiltInScenario } from './types.js';
import { IMAGES, REGION_VERSIONS } from './versions.js';

const cluster = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: >-
  An on-call operator who may evict pods but not cordon nodes: a drain must stop at the refused
  cordon instead of emptying a node that stays schedulable.
cluster:
  resourceGroup: rg-drain-no-cordon
  name: aks-drain-no-cordon
  location: westeurope
  kubernetesVersion: 1.31.8
  aadProfile:
    managed: true
  pools:
    - name: system
      mode: System
      count: 2
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
${REGION_VERSIONS}operator:
  user: oncall@contoso.com
  groups: [oncall]
clockSpeed: 600
`;

const objects = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: evict-but-not-cordon
rules:
  - apiGroups: [""]
    resources: [nodes, pods, namespaces]
    verbs: [get, list, watch]
  - apiGroups: [""]
    resources: [pods/eviction]
    verbs: [create]
  - apiGroups: [apps]
    resources: [daemonsets, deployments, replicasets]
    verbs: [get, list, watch]
  - apiGroups: [policy]
    resources: [poddisruptionbudgets]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: oncall-evict-but-not-cordon
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: oncall
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: evict-but-not-cordon
---
apiVersion: v1
kind: Namespace
metadata:
  name: web
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: site
  namespace: web
spec:
  replicas: 4
  selector:
    matchLabels:
      app: site
  template:
    metadata:
      labels:
        app: site
    spec:
      containers:
        - name: site
          image: contoso.azurecr.io/site:3.2.0
`;

/** May evict but not cordon (no `patch nodes`): the refused cordon must stop a drain. */
export function drainNoCordon(): BuiltInScenario {
  return {
    files: [
      { name: 'drain-no-cordon/cluster.yaml', text: cluster },
      { name: 'drain-no-cordon/objects.yaml', text: objects },
    ],
  };
}
