import { digitsOf } from '../arm/state.js';
import type { BuiltInScenario } from './types.js';
import { ADMIN_GROUP, IMAGES, REGION_VERSIONS } from './versions.js';

const SUBSCRIPTION = '6d0c5e2a-91b4-4f7e-b3a8-2c1d0e9f8a71';
const GROUP = 'rg-drain-kubectl';
const NAME = 'aks-drain-kubectl';

/**
 * The node situations of this scenario, one `work` node each (by index), labelled
 * `drain-case=<situation>` so workloads can be pinned to it with a nodeSelector.
 */
export const DRAIN_CASES = [
  'daemonset',
  'mirror',
  'bare',
  'emptydir',
  'pdb-blocks',
  'pdb-clears',
  'finished',
] as const;

/** One situation of the drain-kubectl scenario. */
export type DrainCase = (typeof DRAIN_CASES)[number];

/** The name the simulated AKS gives the `work` node of a situation. */
export function drainCaseNode(which: DrainCase): string {
  const digits = digitsOf(`${SUBSCRIPTION}/${GROUP}/${NAME}/work`);
  return `aks-work-${digits}-vmss${DRAIN_CASES.indexOf(which).toString(36).padStart(6, '0')}`;
}

const nodes = DRAIN_CASES.map(
  (c, index) => `        - index: ${index}\n          labels: { drain-case: ${c} }\n`,
).join('');

const cluster = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: >-
  One node per drain situation (DaemonSet pods, a mirror pod, a bare pod, an emptyDir pod, a
  blocking PDB, a PDB that clears once a replacement is Ready, a finished pod), so a drain by
  aks-runbook can be compared with kubectl drain on the same cluster.
cluster:
  subscriptionId: ${SUBSCRIPTION}
  resourceGroup: ${GROUP}
  name: ${NAME}
  location: westeurope
  kubernetesVersion: 1.32.4
  aadProfile:
    managed: true
    adminGroupObjectIDs: [${ADMIN_GROUP}]
  pools:
    - name: system
      mode: System
      count: 2
      orchestratorVersion: 1.32.4
      nodeImageVersion: ${IMAGES.ubuntu}
    - name: work
      mode: User
      count: ${DRAIN_CASES.length}
      orchestratorVersion: 1.32.4
      nodeImageVersion: ${IMAGES.ubuntu}
      nodes:
${nodes}${REGION_VERSIONS}operator:
  user: operator@contoso.com
  groups: [${ADMIN_GROUP}]
clockSpeed: 10
`;

/** A Deployment of one pod pinned to a situation's node (its replacement stays Pending there). */
const pinned = (name: string, where: DrainCase, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: cases
spec:
  replicas: 1
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      terminationGracePeriodSeconds: 1
      nodeSelector:
        drain-case: ${where}
      containers:
        - name: ${name}
          image: contoso.azurecr.io/${name}:1.0
${extra}`;

/** A pod of the `api` ReplicaSet, placed on the pdb-clears node as the scheduler once did. */
const apiPod = (suffix: string) => `apiVersion: v1
kind: Pod
metadata:
  name: api-5c9d7f-${suffix}
  namespace: cases
  labels:
    app: api
  ownerReferences:
    - apiVersion: apps/v1
      kind: ReplicaSet
      name: api-5c9d7f
      uid: 0d3c9a5e-4b1f-4c2a-9e7d-api000000001
      controller: true
      blockOwnerDeletion: true
spec:
  nodeName: ${drainCaseNode('pdb-clears')}
  terminationGracePeriodSeconds: 1
  containers:
    - name: api
      image: contoso.azurecr.io/api:1.0
`;

const objects = [
  `apiVersion: v1
kind: Namespace
metadata:
  name: cases
`,
  `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: agent
          image: mcr.microsoft.com/node-agent:1.0
`,
  pinned('web', 'daemonset'),
  // The kubelet's API copy of a static pod: only the annotation tells it apart.
  `apiVersion: v1
kind: Pod
metadata:
  name: static-proxy-${drainCaseNode('mirror')}
  namespace: kube-system
  annotations:
    kubernetes.io/config.mirror: 3f8e1c0d2b7a4e6f9a1b2c3d4e5f6a7b
    kubernetes.io/config.source: file
  labels:
    app: static-proxy
spec:
  nodeName: ${drainCaseNode('mirror')}
  containers:
    - name: proxy
      image: mcr.microsoft.com/static-proxy:1.0
`,
  `apiVersion: v1
kind: Pod
metadata:
  name: debug-shell
  namespace: cases
  labels:
    app: debug-shell
spec:
  terminationGracePeriodSeconds: 1
  nodeSelector:
    drain-case: bare
  containers:
    - name: shell
      image: mcr.microsoft.com/azurelinux/base/core:3.0
`,
  pinned(
    'cache',
    'emptydir',
    `      volumes:
        - name: scratch
          emptyDir: {}
`,
  ),
  pinned('ledger', 'pdb-blocks'),
  `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: ledger
  namespace: cases
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: ledger
`,
  // A bare ReplicaSet (no Deployment) whose pods sit on one node; replacements go anywhere.
  `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: api-5c9d7f
  namespace: cases
  uid: 0d3c9a5e-4b1f-4c2a-9e7d-api000000001
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - name: api
          image: contoso.azurecr.io/api:1.0
`,
  apiPod('x7k2p'),
  apiPod('q4m9z'),
  `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: api
  namespace: cases
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: api
`,
  // A finished one-off pod still listed on its node.
  `apiVersion: v1
kind: Pod
metadata:
  name: report-28931
  namespace: cases
  labels:
    app: report
spec:
  nodeName: ${drainCaseNode('finished')}
  restartPolicy: Never
  containers:
    - name: report
      image: contoso.azurecr.io/report:1.0
status:
  phase: Succeeded
`,
].join('---\n');

/** One node per drain situation, for comparing our drain with kubectl drain (see DRAIN_CASES). */
export function drainKubectl(): BuiltInScenario {
  return {
    files: [
      { name: 'drain-kubectl/cluster.yaml', text: cluster },
      { name: 'drain-kubectl/objects.yaml', text: objects },
    ],
  };
}
