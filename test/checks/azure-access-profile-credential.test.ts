// While local accounts are on, the cluster-admin certificate can be fetched two ways: the
// listClusterAdminCredential action and the older Get Access Profile operation
// (POST .../accessProfiles/clusterAdmin/listCredential), which AKS still serves. A role that
// grants only the second (or a wildcard that covers it) fetches the admin credential too.
import { describe, expect, it } from 'vitest';
import {
  adminCredentialAction,
  checkAzureAssignments,
} from '../../src/checks/rbac/azure-assignments.js';
import type { AzureRbacFacts } from '../../src/model/azure-rbac.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';
const CLUSTER = `${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c`;
const ROLE = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/55555555-5555-4555-8555-555555555555`;

describe('a custom role with managedClusters/accessProfiles/listCredential/action', () => {
  // https://learn.microsoft.com/rest/api/aks/managedclusters/getaccessprofile (api-version
  // 2025-10-01: POST {cluster}/accessProfiles/{roleName}/listCredential, roleName clusterAdmin);
  // the built-in "Azure Kubernetes Service Cluster Admin Role" grants this action next to
  // listClusterAdminCredential for that reason.
  it('is reported as able to fetch the cluster-admin credential while local accounts are on', () => {
    const facts: AzureRbacFacts = {
      clusterId: CLUSTER,
      assignments: [
        {
          id: `${CLUSTER}/providers/Microsoft.Authorization/roleAssignments/a1`,
          scope: CLUSTER,
          roleDefinitionId: ROLE,
          principalId: '33333333-3333-4333-8333-333333333333',
          principalType: 'Group',
        },
      ],
      definitions: {
        '55555555-5555-4555-8555-555555555555': {
          id: ROLE,
          roleName: 'Cluster profile reader',
          builtIn: false,
          permissions: [
            {
              actions: [
                'Microsoft.ContainerService/managedClusters/read',
                'Microsoft.ContainerService/managedClusters/accessProfiles/listCredential/action',
              ],
              notActions: [],
              dataActions: [],
              notDataActions: [],
            },
          ],
        },
      },
      azureRbacEnabled: false,
      localAccounts: true,
      entraId: true,
    };
    const found = checkAzureAssignments(facts).find((f) => f.id === 'rbac.azure-admin-credential');
    expect(found?.message).toContain('accessProfiles/listCredential');
  });

  const role = (actions: string[], notActions: string[] = []) => ({
    id: ROLE,
    roleName: 'r',
    builtIn: false,
    permissions: [{ actions, notActions, dataActions: [], notDataActions: [] }],
  });

  it('is covered by wildcards, and taken away by notActions', () => {
    for (const a of [
      'Microsoft.ContainerService/managedClusters/accessProfiles/*',
      'Microsoft.ContainerService/managedClusters/*/listCredential/action',
      'microsoft.containerservice/*',
    ])
      expect(adminCredentialAction(role([a]))).toBeDefined();
    expect(
      adminCredentialAction(
        role(
          ['Microsoft.ContainerService/managedClusters/accessProfiles/*'],
          ['Microsoft.ContainerService/managedClusters/accessProfiles/listCredential/action'],
        ),
      ),
    ).toBeUndefined();
    // The user credential and the monitoring one are other actions.
    expect(
      adminCredentialAction(
        role([
          'Microsoft.ContainerService/managedClusters/listClusterUserCredential/action',
          'Microsoft.ContainerService/managedClusters/listClusterMonitoringUserCredential/action',
          'Microsoft.ContainerService/managedClusters/read',
        ]),
      ),
    ).toBeUndefined();
  });
});
