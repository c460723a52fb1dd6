import type { KubeObject } from '../contracts.js';
import type { BuiltInScenario } from './types.js';
import { IMAGES, REGION_VERSIONS } from './versions.js';

/** Sizes of a generated scenario. */
export interface GeneratedSize {
  nodes: number;
  pods: number;
  bindings: number;
  namespaces: number;
}

/** Sizes of the `large` scenario. */
export const LARGE: GeneratedSize = { nodes: 1000, pods: 30_000, bindings: 5000, namespaces: 500 };

/** Sizes of the `huge` scenario (AKS's 5,000-node ceiling); only the bench runs it (`--only huge`). */
export const HUGE: GeneratedSize = {
  nodes: 5000,
  pods: 150_000,
  bindings: 20_000,
  namespaces: 2000,
};

const POOLS = 10;

/** A large cluster, generated: 10 pools × 100 nodes, 500 namespaces, 30,000 pods, 5,000 bindings. */
export function large(): BuiltInScenario {
  return generated('large', LARGE);
}

/** A huge cluster, generated like `large`: 10 pools × 500 nodes, 2,000 namespaces, 150,000 pods, 20,000 bindings. */
export function huge(): BuiltInScenario {
  return generated('huge', HUGE);
}

/**
 * The scenario's descriptor as text, and its objects as a function: nothing is built until the
 * simulator loads it, and then only the controllers' inputs (pods come from the Deployments).
 */
function generated(name: string, size: GeneratedSize): BuiltInScenario {
  const perPool = size.nodes / POOLS;
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
description: Generated ${name} cluster for load and paging tests.
cluster:
  resourceGroup: rg-${name}
  name: aks-${name}
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
  return { files: [{ name: `${name}/cluster.yaml`, text }], objects: () => generate(size) };
}

/** Namespaces, Deployments (10 pods each) and RoleBindings; pods come from the controllers. */
function generate(size: GeneratedSize): KubeObject[] {
  const out: KubeObject[] = [];
  const podsPerNs = size.pods / size.namespaces;
  const bindingsPerNs = size.bindings / size.namespaces;
  for (let n = 0; n < size.namespaces; n++) {
    const ns = `team-${String(n).padStart(3, '0')}`;
    out.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } },
    });
    for (let d = 0; d < podsPerNs / 10; d++) {
      const app = `svc-${d}`;
      const replicas = Math.min(10, podsPerNs - d * 10);
      out.push({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: app, namespace: ns, labels: { app } },
        spec: {
          replicas,
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
