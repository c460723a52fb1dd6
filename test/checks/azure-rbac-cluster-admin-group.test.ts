// With Azure RBAC for Kubernetes on, "Azure Kubernetes Service RBAC Cluster Admin" assigned to an
// Entra group at the cluster's scope makes every member cluster-admin: the same grant through
// Kubernetes RBAC (cluster-admin bound to a group by a ClusterRoleBinding) is rbac.cluster-admin
// high. Only the cluster's own Entra admin groups (aadProfile.adminGroupObjectIDs), which AKS
// binds to cluster-admin anyway, stay info.
import { describe, expect, it } from 'vitest';
import { checkAzureAssignments } from '../../src/checks/rbac/azure-assignments.js';
import type { AzureRbacFacts, AzureRoleDefinition } from '../../src/model/azure-rbac.js';
import type { Severity } from '../../src/model/finding.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';
const CLUSTER = `${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c`;
const MC = 'Microsoft.ContainerService/managedClusters';
const CLUSTER_ADMIN_GUID = 'b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b';
const WRITER_GUID = 'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb';
const roleId = (guid: string) => `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
// Built-in role definitions as published (Azure built-in roles, Containers), trimmed.
const clusterAdmin: AzureRoleDefinition = {
  id: roleId(CLUSTER_ADMIN_GUID),
  roleName: 'Azure Kubernetes Service RBAC Cluster Admin',
  builtIn: true,
  permissions: [
    {
      actions: [`${MC}/listClusterUserCredential/action`],
      notActions: [],
      dataActions: [`${MC}/*`],
      notDataActions: [],
    },
  ],
};
const writer: AzureRoleDefinition = {
  id: roleId(WRITER_GUID),
  roleName: 'Azure Kubernetes Service RBAC Writer',
  builtIn: true,
  permissions: [
    {
      actions: [`${MC}/read`],
      notActions: [],
      dataActions: [`${MC}/pods/*`, `${MC}/secrets/*`, `${MC}/apps/deployments/*`],
      notDataActions: [],
    },
  ],
};
const GROUP = '33333333-3333-4333-8333-333333333333';
const facts = (
  guid: string,
  more: Partial<AzureRbacFacts> = {},
  scope = CLUSTER,
  principalType = 'Group',
): AzureRbacFacts => ({
  clusterId: CLUSTER,
  assignments: [
    {
      id: `${CLUSTER}/providers/Microsoft.Authorization/roleAssignments/a1`,
      scope,
      roleDefinitionId: roleId(guid),
      principalId: GROUP,
      principalType,
    },
  ],
  definitions: { [CLUSTER_ADMIN_GUID]: clusterAdmin, [WRITER_GUID]: writer },
  azureRbacEnabled: true,
  localAccounts: false,
  entraId: true,
  ...more,
});
const grant = (f: AzureRbacFacts) =>
  checkAzureAssignments(f).find((x) => x.id === 'rbac.azure-admin-grant');
const RANK: Severity[] = ['info', 'low', 'medium', 'high'];
const worst = (f: AzureRbacFacts) =>
  Math.max(...checkAzureAssignments(f).map((x) => RANK.indexOf(x.severity)), -1);

describe('Azure RBAC Cluster Admin for a group at the cluster scope', () => {
  // learn.microsoft.com/azure/aks/manage-azure-rbac (built-in roles): RBAC Cluster Admin "allows
  // super-user access to perform any action on any resource ... in the cluster and in all
  // namespaces"; kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege:
  // "Administrators should not use cluster-admin accounts except where specifically needed".
  it('is rated at least as high as RBAC Writer for the same group (high)', () => {
    expect(worst(facts(WRITER_GUID))).toBe(RANK.indexOf('high'));
    expect(worst(facts(CLUSTER_ADMIN_GUID))).toBeGreaterThanOrEqual(worst(facts(WRITER_GUID)));
  });

  it('is high for a group, a user or a service principal, on the cluster or inherited', () => {
    for (const type of ['Group', 'User', 'ServicePrincipal'])
      expect(grant(facts(CLUSTER_ADMIN_GUID, {}, CLUSTER, type))?.severity).toBe('high');
    expect(grant(facts(CLUSTER_ADMIN_GUID, {}, SUB))?.severity).toBe('high');
    expect(grant(facts(CLUSTER_ADMIN_GUID, {}, `${SUB}/resourceGroups/rg`))?.severity).toBe('high');
  });

  it("is info for one of the cluster's Entra admin groups (any case), high for another group", () => {
    const admins = (ids: string[]) => facts(CLUSTER_ADMIN_GUID, { adminGroupObjectIDs: ids });
    const info = grant(admins([GROUP.toUpperCase()]));
    expect(info?.severity).toBe('info');
    expect(info?.message).toContain('aadProfile.adminGroupObjectIDs');
    expect(grant(admins(['44444444-4444-4444-8444-444444444444']))?.severity).toBe('high');
    expect(grant(admins([]))?.severity).toBe('high');
  });

  it('a user whose object id is an admin group id is still high (only groups are admin groups)', () => {
    const f = facts(CLUSTER_ADMIN_GUID, { adminGroupObjectIDs: [GROUP] }, CLUSTER, 'User');
    expect(grant(f)?.severity).toBe('high');
  });

  it('is no admin grant with Azure RBAC off, nor at a namespace scope', () => {
    expect(grant(facts(CLUSTER_ADMIN_GUID, { azureRbacEnabled: false }))).toBeUndefined();
    expect(grant(facts(CLUSTER_ADMIN_GUID, {}, `${CLUSTER}/namespaces/shop`))).toBeUndefined();
  });
});
