import type { KubeObject } from '../contracts.js';
import type { BuiltInScenario } from './types.js';
import { IMAGES, REGION_VERSIONS } from './versions.js';

/** Sizes of the `large` scenario. */
export const LARGE = { nodes: 1000, pods: 30_000, bindings: 5000, namespaces: 500 };

const POOLS = 10;

/** A large cluster, generated: 10 pools × 100 nodes, 500 namespaces, 30,000 pods, 5,000 bindings. */
export function large(): BuiltInScenario {
  const perPool = LARGE.nodes / POOLS;
  const pools = Array.from(
    { length: POOLS },
    (_, i) => `    - name: pool${i}
      mode: ${i === 0 ? 'System' : 'User'}
      count: ${perPool}
      vmSize: Standard_D8ds_v5
      maxPods: 110
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
      availabilityZones: ["1", "2", "3"]
`,
  ).join('');
  const text = `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: Generated large cluster for load and paging tests.
cluster:
  resourceGroup: rg-large
  name: aks-large
  location: westeurope
  kubernetesVersion: 1.31.8
  aadProfile:
    managed: true
    adminGroupObjectIDs: [aks-admins]
  pools:
${pools}${REGION_VERSIONS}operator:
  user: operator@contoso.com
  groups: [aks-admins]
clockSpeed: 10
`;
  return { files: [{ name: 'large/cluster.yaml', text }], objects: () => generate(perPool) };
}

/** Namespaces, Deployments (60 pods per namespace) and RoleBindings; pods come from the controllers. */
function generate(_perPool: number): KubeObject[] {
  const out: KubeObject[] = [];
  const podsPerNs = LARGE.pods / LARGE.namespaces;
  const bindingsPerNs = LARGE.bindings / LARGE.namespaces;
  for (let n = 0; n < LARGE.namespaces; n++) {
    const ns = `team-${String(n).padStart(3, '0')}`;
    out.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
    });
    for (let d = 0; d < podsPerNs / 10; d++) {
      const app = `svc-${d}`;
      out.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: app, namespace: ns, labels: { app } },
        spec: {
          replicas: 10,
          selector: { matchLabels: { app } },
          template: {
            metadata: { labels: { app } },
            spec: {
              containers: [
                {
                  name: app,
                  image: `contoso.azurecr.io/${app}:1.0.0`,
                  resources: { requests: { cpu: '10m', memory: '16Mi' } },
                },
              ],
            },
          },
        },
      });
    }
    for (let b = 0; b < bindingsPerNs; b++) {
      const direct = b % 5 === 0;
      out.push({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: `binding-${b}`, namespace: ns },
        subjects: [
          direct
            ? {
                apiGroup: 'rbac.authorization.k8s.io',
                kind: 'User',
                name: `user${n}-${b}@contoso.com`,
              }
            : { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: `group-${n}-${b}` },
        ],
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: b % 3 === 0 ? 'edit' : 'view',
        },
      });
    }
  }
  return out;
}
