import type { BuiltInScenario } from './types.js';
import { ADMIN_GROUP, IMAGES, REGION_VERSIONS } from './versions.js';

/** One cluster, one Linux pool of two nodes, nothing else: the smallest useful world for tests. */
export function minimal(): BuiltInScenario {
  return {
    files: [
      {
        name: 'minimal/cluster.yaml',
        text: `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
description: One system pool of two nodes; an upgrade and a node image are available.
cluster:
  resourceGroup: rg-minimal
  name: aks-minimal
  location: westeurope
  kubernetesVersion: 1.31.8
  aadProfile:
    managed: true
    enableAzureRBAC: false
    adminGroupObjectIDs: [${ADMIN_GROUP}]
  pools:
    - name: system
      mode: System
      count: 2
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
      availabilityZones: ["1", "2"]
      upgradeSettings:
        maxSurge: 10%
${REGION_VERSIONS}operator:
  user: operator@contoso.com
  groups: [${ADMIN_GROUP}]
clockSpeed: 600
`,
      },
    ],
  };
}
