// Azure role assignments to findings (pure), with hand-written role definitions.
import { describe, expect, it } from 'vitest';
import { checkAzureAssignments, grants } from '../../src/checks/rbac/azure-assignments.js';
import type { AzureRbacFacts, AzureRoleDefinition } from '../../src/model/azure-rbac.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';
const CLUSTER = `${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c`;
const def = (
  id: string,
  roleName: string,
  builtIn: boolean,
  p: Partial<AzureRoleDefinition['permissions'][0]>,
): AzureRoleDefinition => ({
  id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${id}`,
  roleName,
  builtIn,
  permissions: [{ actions: [], notActions: [], dataActions: [], notDataActions: [], ...p }],
});
const ID = '44444444-4444-4444-8444-444444444444';
const ROLES = {
  rbacAdmin: def(
    '3498e952-d568-435e-9b2c-8d77e338d7f7',
    'Azure Kubernetes Service RBAC Admin',
    true,
    {
      dataActions: ['Microsoft.ContainerService/managedClusters/*'],
      notDataActions: ['Microsoft.ContainerService/managedClusters/namespaces/write'],
    },
  ),
  contributor: def('b24988ac-6180-42a0-ab88-20f7382dd24c', 'Contributor', true, {
    actions: ['*'],
    notActions: ['Microsoft.Authorization/*/Write'],
  }),
  clusterUser: def(
    '4abbcc35-e782-43d8-92c5-2d3f1bd2253f',
    'Azure Kubernetes Service Cluster User Role',
    true,
    {
      actions: [
        'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
        'Microsoft.ContainerService/managedClusters/read',
      ],
    },
  ),
  storage: def('11111111-1111-4111-8111-111111111111', 'Blob reader', false, {
    dataActions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
  }),
  deployers: def('22222222-2222-4222-8222-222222222222', 'Deployers', false, {
    dataActions: ['Microsoft.ContainerService/managedClusters/apps/deployments/*'],
  }),
};
function facts(
  role: AzureRoleDefinition,
  type: string,
  more: Partial<AzureRbacFacts> = {},
): AzureRbacFacts {
  const guid = role.id.split('/').pop()!;
  return {
    clusterId: CLUSTER,
    assignments: [
      {
        id: `${CLUSTER}/providers/Microsoft.Authorization/roleAssignments/a1`,
        scope: CLUSTER,
        roleDefinitionId: role.id,
        principalId: '33333333-3333-4333-8333-333333333333',
        principalType: type,
      },
    ],
    definitions: { [guid]: role },
    azureRbacEnabled: true,
    localAccounts: true,
    entraId: true,
    ...more,
  };
}
/** The same facts with the assignment scoped to namespace `shop` of the cluster. */
const atNamespace = (f: AzureRbacFacts): AzureRbacFacts => ({
  ...f,
  assignments: f.assignments.map((a) => ({ ...a, scope: `${CLUSTER}/namespaces/shop` })),
});
const ids = (f: AzureRbacFacts) =>
  checkAzureAssignments(f)
    .map((x) => `${x.id}:${x.severity}`)
    .sort();

describe('checkAzureAssignments', () => {
  it.each([
    [
      'AKS role to a user, Azure RBAC on',
      facts(ROLES.rbacAdmin, 'User'),
      ['rbac.azure-admin-grant:high', 'rbac.azure-user-assignment:medium'],
    ],
    ['AKS role to a group', facts(ROLES.rbacAdmin, 'Group'), ['rbac.azure-admin-grant:high']],
    [
      "AKS role to one of the cluster's Entra admin groups",
      facts(ROLES.rbacAdmin, 'Group', {
        adminGroupObjectIDs: ['33333333-3333-4333-8333-333333333333'],
      }),
      ['rbac.azure-admin-grant:info'],
    ],
    [
      'Azure RBAC off: data actions grant nothing',
      facts(ROLES.rbacAdmin, 'User', { azureRbacEnabled: false }),
      ['rbac.azure-user-assignment:medium'],
    ],
    [
      'Contributor (not an AKS role) may list the admin credential',
      facts(ROLES.contributor, 'User'),
      ['rbac.azure-admin-credential:medium'],
    ],
    [
      '…not once local accounts are off',
      facts(ROLES.contributor, 'User', { localAccounts: false }),
      [],
    ],
    [
      // Deployments written cluster-wide run pods as any ServiceAccount: escalation.
      'a custom role with cluster data actions is an AKS role',
      facts(ROLES.deployers, 'User'),
      ['rbac.azure-user-assignment:medium', 'rbac.escalation:high'],
    ],
    ['a custom role of another service is not', facts(ROLES.storage, 'User'), []],
    [
      'a custom role with Microsoft.ContainerService/* data actions is an AKS admin role',
      facts(def(ID, 'Broad', false, { dataActions: ['Microsoft.ContainerService/*'] }), 'User'),
      ['rbac.azure-admin-grant:high', 'rbac.azure-user-assignment:medium'],
    ],
    [
      'a custom role with data actions * (any case of the provider) is an AKS admin role',
      facts(def(ID, 'All', false, { dataActions: ['*'] }), 'User'),
      ['rbac.azure-admin-grant:high', 'rbac.azure-user-assignment:medium'],
    ],
    [
      'a wildcard over the provider namespace reaches managed clusters too',
      facts(def(ID, 'Ms', false, { dataActions: ['microsoft.*'] }), 'Group'),
      ['rbac.azure-admin-grant:high'],
    ],
    [
      'a broad data action whose notDataActions take managed clusters back is not',
      facts(
        def(ID, 'Not AKS', false, {
          dataActions: ['Microsoft.ContainerService/*'],
          notDataActions: ['Microsoft.ContainerService/managedClusters/*'],
        }),
        'User',
      ),
      [],
    ],
    [
      'Cluster User Role with Entra ID: the user credential only prompts a sign-in',
      facts(ROLES.clusterUser, 'Group', { azureRbacEnabled: false }),
      [],
    ],
    [
      'Cluster User Role without Entra ID: the user credential is cluster-admin',
      facts(ROLES.clusterUser, 'Group', { azureRbacEnabled: false, entraId: false }),
      ['rbac.azure-admin-credential:medium'],
    ],
    [
      'Contributor without Entra ID: one finding for the credential, not two',
      facts(ROLES.contributor, 'Group', { azureRbacEnabled: false, entraId: false }),
      ['rbac.azure-admin-credential:medium'],
    ],
    [
      // No cluster-wide grant, yet that namespace's admin: judged right by right there (its
      // Secrets, and workloads that run as its ServiceAccounts), as the Kubernetes checks judge
      // a RoleBinding of admin; this row passed it before.
      'RBAC Admin scoped to one namespace is no cluster-wide grant, but its rights there are findings',
      atNamespace(facts(ROLES.rbacAdmin, 'User')),
      ['rbac.azure-user-assignment:medium', 'rbac.escalation:medium', 'rbac.secrets-read:medium'],
    ],
    [
      'Contributor at namespace scope holds no action on the cluster resource',
      atNamespace(facts(ROLES.contributor, 'User')),
      [],
    ],
  ])('%s', (_name, f, expected) => {
    expect(ids(f)).toEqual(expected);
  });

  it('says the user credential grants cluster-admin without Entra ID, not that it bypasses RBAC', () => {
    const [finding] = checkAzureAssignments(
      facts(ROLES.clusterUser, 'Group', { azureRbacEnabled: false, entraId: false }),
    );
    expect(finding!.message).toContain('grants cluster-admin');
    expect(finding!.message).not.toContain('bypasses');
  });

  it('says where a namespace-scoped assignment applies', () => {
    const [finding] = checkAzureAssignments(atNamespace(facts(ROLES.rbacAdmin, 'User')));
    expect(finding!.message).toContain('in namespace shop');
  });

  it('matches actions with wildcards and notActions, case-blind', () => {
    expect(
      grants(
        ROLES.contributor,
        'microsoft.containerservice/managedclusters/listClusterAdminCredential/action',
        'action',
      ),
    ).toBe(true);
    expect(
      grants(ROLES.contributor, 'Microsoft.Authorization/roleAssignments/write', 'action'),
    ).toBe(false);
    expect(
      grants(
        ROLES.rbacAdmin,
        'Microsoft.ContainerService/managedClusters/namespaces/write',
        'data',
      ),
    ).toBe(false);
  });
});
