// Built-in Azure roles the simulator knows, with the ids and permissions the Azure built-in roles
// reference publishes (the AKS ones in full for what the tool reads; the data actions of the RBAC
// Reader and Writer roles abbreviated to their main entries).

/** One `Permission` of a role definition (wire shape). */
export interface RolePermission {
  actions: string[];
  notActions: string[];
  dataActions: string[];
  notDataActions: string[];
}

/** A role definition's properties as ARM returns them. */
export interface RoleDefinitionSpec {
  id: string;
  roleName: string;
  type: 'BuiltInRole' | 'CustomRole';
  description: string;
  permissions: RolePermission[];
}

const p = (
  actions: string[],
  dataActions: string[] = [],
  notActions: string[] = [],
  notDataActions: string[] = [],
): RolePermission => ({ actions, notActions, dataActions, notDataActions });

const READ_SCOPE = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Resources/subscriptions/operationresults/read',
  'Microsoft.Resources/subscriptions/read',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
];
const USER_CREDENTIAL =
  'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action';

/** The built-in roles by definition id (a GUID, the same in every subscription). */
export const BUILT_IN_ROLES: RoleDefinitionSpec[] = [
  {
    id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    roleName: 'Owner',
    type: 'BuiltInRole',
    description: 'Grants full access to manage all resources, including assigning roles.',
    permissions: [p(['*'])],
  },
  {
    id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    roleName: 'Contributor',
    type: 'BuiltInRole',
    description: 'Grants full access to manage all resources, but not to assign roles.',
    permissions: [
      p(['*'], [], ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write']),
    ],
  },
  {
    id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    roleName: 'Reader',
    type: 'BuiltInRole',
    description: 'View all resources, but does not allow you to make any changes.',
    permissions: [p(['*/read'])],
  },
  {
    id: '0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8',
    roleName: 'Azure Kubernetes Service Cluster Admin Role',
    type: 'BuiltInRole',
    description: 'List cluster admin credential action.',
    permissions: [
      p([
        'Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action',
        'Microsoft.ContainerService/managedClusters/accessProfiles/listCredential/action',
        'Microsoft.ContainerService/managedClusters/read',
        'Microsoft.ContainerService/managedClusters/runcommand/action',
      ]),
    ],
  },
  {
    id: '4abbcc35-e782-43d8-92c5-2d3f1bd2253f',
    roleName: 'Azure Kubernetes Service Cluster User Role',
    type: 'BuiltInRole',
    description: 'List cluster user credential action.',
    permissions: [p([USER_CREDENTIAL, 'Microsoft.ContainerService/managedClusters/read'])],
  },
  {
    id: 'ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8',
    roleName: 'Azure Kubernetes Service Contributor Role',
    type: 'BuiltInRole',
    description: 'Grants access to read and write Azure Kubernetes Service clusters.',
    permissions: [
      p([
        'Microsoft.ContainerService/managedClusters/read',
        'Microsoft.ContainerService/managedClusters/write',
        'Microsoft.Resources/deployments/*',
      ]),
    ],
  },
  {
    id: 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b',
    roleName: 'Azure Kubernetes Service RBAC Cluster Admin',
    type: 'BuiltInRole',
    description: 'Lets you manage all resources in the cluster.',
    permissions: [
      p([...READ_SCOPE, USER_CREDENTIAL], ['Microsoft.ContainerService/managedClusters/*']),
    ],
  },
  {
    id: '3498e952-d568-435e-9b2c-8d77e338d7f7',
    roleName: 'Azure Kubernetes Service RBAC Admin',
    type: 'BuiltInRole',
    description:
      'Lets you manage all resources under cluster/namespace, except update or delete resource quotas and namespaces.',
    permissions: [
      p(
        [...READ_SCOPE, USER_CREDENTIAL],
        ['Microsoft.ContainerService/managedClusters/*'],
        [],
        [
          'Microsoft.ContainerService/managedClusters/resourcequotas/write',
          'Microsoft.ContainerService/managedClusters/resourcequotas/delete',
          'Microsoft.ContainerService/managedClusters/namespaces/write',
          'Microsoft.ContainerService/managedClusters/namespaces/delete',
        ],
      ),
    ],
  },
  {
    id: 'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb',
    roleName: 'Azure Kubernetes Service RBAC Writer',
    type: 'BuiltInRole',
    description: 'Allows read/write access to most objects in a namespace.',
    permissions: [
      p(READ_SCOPE, [
        'Microsoft.ContainerService/managedClusters/apps/*',
        'Microsoft.ContainerService/managedClusters/pods/*',
        'Microsoft.ContainerService/managedClusters/services/*',
        'Microsoft.ContainerService/managedClusters/configmaps/*',
        'Microsoft.ContainerService/managedClusters/secrets/*',
        'Microsoft.ContainerService/managedClusters/namespaces/read',
      ]),
    ],
  },
  {
    id: '7f6c6a51-bcf8-42ba-9220-52d62157d7db',
    roleName: 'Azure Kubernetes Service RBAC Reader',
    type: 'BuiltInRole',
    description: 'Allows read-only access to see most objects in a namespace.',
    permissions: [
      p(READ_SCOPE, [
        'Microsoft.ContainerService/managedClusters/apps/*/read',
        'Microsoft.ContainerService/managedClusters/pods/read',
        'Microsoft.ContainerService/managedClusters/services/read',
        'Microsoft.ContainerService/managedClusters/configmaps/read',
        'Microsoft.ContainerService/managedClusters/namespaces/read',
      ]),
    ],
  },
];
