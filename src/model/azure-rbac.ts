/** One Azure role assignment as the tool reads it (Microsoft.Authorization). */
export interface AzureAssignment {
  /** Full resource id of the assignment. */
  id: string;
  /** Where it is assigned: the cluster, or a scope above it (inherited). */
  scope: string;
  roleDefinitionId: string;
  principalId: string;
  principalType: string;
}

/** One `Permission` of a role definition. */
export interface AzurePermission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

/** A role definition: its name, built-in or custom, and what it permits. */
export interface AzureRoleDefinition {
  id: string;
  roleName: string;
  builtIn: boolean;
  permissions: AzurePermission[];
}

/** The cluster's Azure role assignments (at its scope and inherited) with their definitions. */
export interface AzureRbacFacts {
  clusterId: string;
  assignments: AzureAssignment[];
  /** By role definition id (lower-case GUID, the last segment). */
  definitions: Record<string, AzureRoleDefinition>;
  /** Whether Azure RBAC authorizes Kubernetes requests (aadProfile.enableAzureRBAC). */
  azureRbacEnabled: boolean;
  /** Whether local accounts (the admin certificate) are still on (disableLocalAccounts false). */
  localAccounts: boolean;
  /**
   * Whether users sign in with Entra ID (aadProfile). Without it the cluster user credential
   * (listClusterUserCredential) is a certificate with the admin one's effect (AKS kubeconfig
   * access article).
   */
  entraId: boolean;
  /**
   * `aadProfile.adminGroupObjectIDs`: the groups AKS itself makes cluster-admin (reviewed in the
   * cluster's Entra settings). Absent when not read: then no group counts as one of them.
   */
  adminGroupObjectIDs?: string[];
}

/** The GUID at the end of a role definition id. */
export function roleGuid(roleDefinitionId: string): string {
  return (roleDefinitionId.split('/').pop() ?? roleDefinitionId).toLowerCase();
}
