import { demo } from './demo.js';
import type { BuiltInScenario } from './types.js';

const JORDAN = '1c7a8b4d-2e3f-4a61-9bac-1d2e3f4a5b6c';
const SAM = '2d8b9c5e-3f4a-4b72-acbd-2e3f4a5b6c7d';
const PRIYA = '3e9cad6f-4a5b-4c83-bdce-3f4a5b6c7d8e';
const ALEX = '0b6f7a3c-1d2e-4f50-8a9b-0c1d2e3f4a5b';
const PLATFORM_ADMINS = '7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70';

/** Who holds which Azure role, at the cluster and above it, and one custom role. */
const AZURE_RBAC = `azureRbac:
  customRoles:
    - id: 5f0e1d2c-3b4a-4958-8776-a5b4c3d2e1f0
      roleName: Shop deployers
      description: Deploy workloads in the shop namespace
      actions: [Microsoft.ContainerService/managedClusters/read]
      dataActions: [Microsoft.ContainerService/managedClusters/apps/deployments/*]
  assignments:
    - { principalId: ${JORDAN}, principalType: User, role: Azure Kubernetes Service RBAC Cluster Admin, scope: cluster }
    - { principalId: ${PLATFORM_ADMINS}, principalType: Group, role: Azure Kubernetes Service RBAC Reader, scope: resourceGroup }
    - { principalId: ${SAM}, principalType: User, role: Azure Kubernetes Service Cluster User Role, scope: subscription }
    - { principalId: ${PRIYA}, principalType: User, role: Shop deployers, scope: cluster }
    - { principalId: ${ALEX}, principalType: User, role: Owner, scope: managementGroup/contoso-root }
`;

/**
 * The demo cluster with Azure RBAC for Kubernetes authorization on: users holding AKS roles
 * directly (one at the cluster, one inherited from the subscription), a group's inherited
 * assignment, a custom role, and an Owner inherited from a management group. The operator is
 * Owner, so role assignments can be changed.
 */
export function azureRbac(): BuiltInScenario {
  return {
    files: demo().files.map((f) => ({
      name: f.name.replace(/^demo\//, 'azure-rbac/'),
      text:
        f.name === 'demo/cluster.yaml'
          ? f.text
              .replace('enableAzureRBAC: false', 'enableAzureRBAC: true')
              .replace('armRole: contributor', 'armRole: owner')
              .replace(/^operator:/m, `${AZURE_RBAC}operator:`)
          : f.text,
    })),
  };
}
