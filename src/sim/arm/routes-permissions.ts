import type { Router } from '../http.js';
import { AUTHORIZATION_API_VERSIONS } from './api-versions.js';
import { guard, type ArmRole } from './guards.js';
import { MC } from './routes-cluster.js';
import type { ClusterState } from './state.js';

/** One `Permission` of the Microsoft.Authorization permissions API (wire shape). */
interface Permission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

const permission = (actions: string[], notActions: string[] = []): Permission => ({
  actions,
  notActions,
  dataActions: [],
  notDataActions: [],
});

/** The built-in Azure roles the simulated operator may hold, as their role definitions read. */
const ROLE_PERMISSIONS: Record<ArmRole, Permission[]> = {
  owner: [permission(['*'])],
  contributor: [
    permission(
      ['*'],
      [
        'Microsoft.Authorization/*/Delete',
        'Microsoft.Authorization/*/Write',
        'Microsoft.Authorization/elevateAccess/Action',
        'Microsoft.Blueprint/blueprintAssignments/write',
        'Microsoft.Blueprint/blueprintAssignments/delete',
        'Microsoft.Compute/galleries/share/action',
        'Microsoft.Purview/consents/write',
        'Microsoft.Purview/consents/delete',
        'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
        'Microsoft.Subscription/cancel/action',
        'Microsoft.Subscription/enable/action',
      ],
    ),
  ],
  // "Azure Kubernetes Service Cluster User Role".
  'cluster-user': [
    permission([
      'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
      'Microsoft.ContainerService/managedClusters/read',
    ]),
  ],
  reader: [permission(['*/read'])],
  // No role assignment at the scope: the caller may still ask, and gets an empty list.
  none: [],
};

/**
 * Registers `GET {cluster}/providers/Microsoft.Authorization/permissions`: the caller's own
 * permissions on the cluster, one entry per role held, from the scenario's `operator.armRole`.
 */
export function registerPermissionRoutes(
  router: Router,
  cluster: ClusterState,
  role: ArmRole,
): void {
  router.on('GET', `${MC}/providers/Microsoft.Authorization/permissions`, (req) => {
    // Path and api-version checks only: asking for one's own permissions needs no role.
    const refused = guard(req, cluster, 'owner', 'read', 'cluster', AUTHORIZATION_API_VERSIONS);
    return refused ?? { status: 200, body: { value: ROLE_PERMISSIONS[role] } };
  });
}
