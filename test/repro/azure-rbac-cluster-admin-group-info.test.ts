// Repro: with Azure RBAC for Kubernetes on, "Azure Kubernetes Service RBAC Cluster Admin" assigned
// to an Entra group at the cluster's scope is only an info finding (rbac.azure-admin-grant), while
// the narrower RBAC Writer given to the same group there is high. Every member of that group is
// cluster-admin; the same grant through Kubernetes RBAC (cluster-admin bound to a group by a
// ClusterRoleBinding) is rbac.cluster-admin high. A gate on high/medium passes the stronger grant.
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
const facts = (guid: string): AzureRbacFacts => ({
  clusterId: CLUSTER,
  assignments: [
    {
      id: `${CLUSTER}/providers/Microsoft.Authorization/roleAssignments/a1`,
      scope: CLUSTER,
      roleDefinitionId: roleId(guid),
      principalId: '33333333-3333-4333-8333-333333333333',
      principalType: 'Group',
    },
  ],
  definitions: { [CLUSTER_ADMIN_GUID]: clusterAdmin, [WRITER_GUID]: writer },
  azureRbacEnabled: true,
  localAccounts: false,
  entraId: true,
});
const RANK: Severity[] = ['info', 'low', 'medium', 'high'];
const worst = (f: AzureRbacFacts) =>
  Math.max(...checkAzureAssignments(f).map((x) => RANK.indexOf(x.severity)), -1);

describe('Azure RBAC Cluster Admin for a group at the cluster scope', () => {
  // learn.microsoft.com/azure/aks/manage-azure-rbac (built-in roles): RBAC Cluster Admin "allows
  // super-user access to perform any action on any resource ... in the cluster and in all
  // namespaces"; kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege:
  // "Administrators should not use cluster-admin accounts except where specifically needed".
  it.fails('is rated at least as high as RBAC Writer for the same group (high)', () => {
    expect(worst(facts(WRITER_GUID))).toBe(RANK.indexOf('high'));
    expect(worst(facts(CLUSTER_ADMIN_GUID))).toBeGreaterThanOrEqual(worst(facts(WRITER_GUID)));
  });
});
