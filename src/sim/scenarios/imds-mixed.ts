import type { BuiltInScenario } from './types.js';
import { IMAGES, REGION_VERSIONS } from './versions.js';

// Cilium, dual-stack, and one namespace for each IMDS verdict: exposed (web), a rule that
// re-opens the endpoint (batch), partially isolated (analytics), blocked (secure), and a
// hostNetwork agent (node-agents).
const cluster = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: Cilium dual-stack cluster with one namespace for each metadata-endpoint verdict.
cluster:
  resourceGroup: rg-imds
  name: aks-imds
  location: westeurope
  kubernetesVersion: 1.31.8
  aadProfile:
    managed: true
  networkProfile:
    networkPlugin: azure
    networkPluginMode: overlay
    networkPolicy: cilium
    networkDataplane: cilium
    ipFamilies: [IPv4, IPv6]
  pools:
    - name: system
      mode: System
      count: 2
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
${REGION_VERSIONS}operator:
  user: operator@contoso.com
  groups: [aks-admins]
clockSpeed: 600
`;

function namespace(name: string): string {
  return `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
  labels:
    kubernetes.io/metadata.name: ${name}
`;
}

function deployment(ns: string, name: string, replicas: number, hostNetwork = false): string {
  return `apiVersion: apps/v1
kind: ${hostNetwork ? 'DaemonSet' : 'Deployment'}
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${hostNetwork ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${hostNetwork ? '      hostNetwork: true\n' : ''}      containers:
        - name: ${name}
          image: contoso.azurecr.io/${name}:1.0.0
`;
}

const policies = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: batch
spec:
  podSelector: {}
  policyTypes: [Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: crawler-internet
  namespace: batch
spec:
  podSelector:
    matchLabels:
      app: crawler
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector: {}
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [10.0.0.0/8]
      ports:
        - protocol: TCP
          port: 80
        - protocol: TCP
          port: 443
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: etl-egress
  namespace: analytics
spec:
  podSelector:
    matchExpressions:
      - key: app
        operator: In
        values: [etl]
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 10.0.0.0/8
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: block-imds
  namespace: secure
spec:
  podSelector: {}
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [169.254.0.0/16]
        - ipBlock:
            cidr: ::/0
        - namespaceSelector: {}
`;

const rbac = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: aks-admins-cluster-admin
subjects:
  - apiGroup: rbac.authorization.k8s.io
    kind: Group
    name: aks-admins
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`;

/** One namespace per metadata-endpoint verdict on a Cilium dual-stack cluster (the imds step). */
export function imdsMixed(): BuiltInScenario {
  const names = ['web', 'batch', 'analytics', 'secure', 'node-agents'];
  const workloads = [
    deployment('web', 'storefront', 2),
    deployment('batch', 'crawler', 1),
    deployment('batch', 'reports', 1),
    deployment('analytics', 'etl', 1),
    deployment('analytics', 'dashboard', 2),
    deployment('secure', 'vault-proxy', 1),
    deployment('node-agents', 'net-probe', 0, true),
  ];
  return {
    files: [
      { name: 'imds-mixed/cluster.yaml', text: cluster },
      { name: 'imds-mixed/namespaces.yaml', text: names.map(namespace).join('---\n') },
      { name: 'imds-mixed/rbac.yaml', text: rbac },
      { name: 'imds-mixed/workloads.yaml', text: workloads.join('---\n') },
      { name: 'imds-mixed/policies.yaml', text: policies },
    ],
  };
}
