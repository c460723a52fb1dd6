import type { SimRequest, SimResponse } from '../http.js';
import type { AksDescriptor } from '../scenario.js';
import { armError } from '../server.js';
import { AKS_API_VERSIONS, apiVersionRefusal, type ApiVersions } from './api-versions.js';
import type { Refusal } from './rules.js';
import type { ClusterState } from './state.js';

/** ARM roles the simulated operator may hold on the cluster. */
export type ArmRole = AksDescriptor['operator']['armRole'];

/** What a request needs: read, list the user kubeconfig, list the admin kubeconfig, or write. */
export type Need = 'read' | 'userCredential' | 'adminCredential' | 'write';

const ALLOWED: Record<ArmRole, Need[]> = {
  owner: ['read', 'userCredential', 'adminCredential', 'write'],
  contributor: ['read', 'userCredential', 'adminCredential', 'write'],
  'cluster-user': ['read', 'userCredential'],
  reader: ['read'],
  none: [],
};

const ACTIONS: Record<Need, string> = {
  read: 'Microsoft.ContainerService/managedClusters/read',
  userCredential: 'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
  adminCredential: 'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action',
  write: 'Microsoft.ContainerService/managedClusters/write',
};

/** Turns a rule's refusal into an ARM error response. */
export function refuse(r: Refusal): SimResponse {
  return armError(r.status, r.code, r.message);
}

/**
 * ARM's front-door checks in order: api-version (present, and one the provider serves),
 * subscription, resource group, cluster name, then the caller's role. Returns an error response,
 * or undefined to go on.
 */
export function guard(
  req: SimRequest,
  cluster: ClusterState,
  role: ArmRole,
  need: Need,
  scope: 'subscription' | 'group' | 'cluster',
  versions: ApiVersions = AKS_API_VERSIONS,
): SimResponse | undefined {
  const refused = apiVersionRefusal(req, versions);
  if (refused) return refused;
  const { subscriptionId, resourceGroupName, resourceName } = req.params;
  if (subscriptionId && subscriptionId.toLowerCase() !== cluster.subscriptionId.toLowerCase()) {
    return armError(
      404,
      'SubscriptionNotFound',
      `The subscription '${subscriptionId}' could not be found.`,
    );
  }
  if (
    scope !== 'subscription' &&
    resourceGroupName &&
    resourceGroupName.toLowerCase() !== cluster.resourceGroup.toLowerCase()
  ) {
    return armError(
      404,
      'ResourceGroupNotFound',
      `Resource group '${resourceGroupName}' could not be found.`,
    );
  }
  if (
    scope === 'cluster' &&
    resourceName &&
    resourceName.toLowerCase() !== cluster.name.toLowerCase()
  ) {
    return armError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.ContainerService/managedClusters/${resourceName}' under resource group '${resourceGroupName ?? ''}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    );
  }
  if (!ALLOWED[role].includes(need)) {
    const scopePath = `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.name}`;
    return armError(
      403,
      'AuthorizationFailed',
      `The client '${req.caller.user}' with object id '${objectIdOf(req.caller.user)}' does not have authorization to perform action '${ACTIONS[need]}' over scope '${scopePath}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
    );
  }
  return undefined;
}

/** A stable fake Entra object id for a user name. */
function objectIdOf(user: string): string {
  let h = 0;
  for (const c of user) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
  const hex = h.toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex}${hex.slice(0, 4)}`;
}
