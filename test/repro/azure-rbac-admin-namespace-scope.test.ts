// Repro: with Azure RBAC for Kubernetes on, "Azure Kubernetes Service RBAC Admin" assigned to a
// group at the scope of namespace kube-system gives no finding at all. A role with every data
// action is judged only at the cluster's scope (rbac.azure-admin-grant), and the per-right checks
// (Secrets, pods as any ServiceAccount) are skipped for it, so at a namespace scope nothing is
// said, while the narrower RBAC Writer there is reported.
import { describe, expect, it } from 'vitest';
import { checkAzureAssignments } from '../../src/checks/rbac/azure-assignments.js';
import type { AzureRbacFacts, AzureRoleDefinition } from '../../src/model/azure-rbac.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';
const CLUSTER = `${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c`;
const MC = 'Microsoft.ContainerService/managedClusters';
const ADMIN = '3498e952-d568-435e-9b2c-8d77e338d7f7';
// The built-in role's permissions (Azure built-in roles, Containers).
const rbacAdmin: AzureRoleDefinition = {
  id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ADMIN}`,
  roleName: 'Azure Kubernetes Service RBAC Admin',
  builtIn: true,
  permissions: [
    {
      actions: [`${MC}/read`, `${MC}/listClusterUserCredential/action`],
      notActions: [],
      dataActions: [`${MC}/*`],
      notDataActions: [
        `${MC}/resourcequotas/write`,
        `${MC}/resourcequotas/delete`,
        `${MC}/namespaces/write`,
        `${MC}/namespaces/delete`,
      ],
    },
  ],
};
const scope = `${CLUSTER}/namespaces/kube-system`;
const facts: AzureRbacFacts = {
  clusterId: CLUSTER,
  assignments: [
    {
      id: `${scope}/providers/Microsoft.Authorization/roleAssignments/a1`,
      scope,
      roleDefinitionId: rbacAdmin.id,
      principalId: '33333333-3333-4333-8333-333333333333',
      principalType: 'Group',
    },
  ],
  definitions: { [ADMIN]: rbacAdmin },
  azureRbacEnabled: true,
  localAccounts: false,
  entraId: true,
};

describe('Azure RBAC: RBAC Admin at the scope of kube-system', () => {
  // learn.microsoft.com/azure/aks/manage-azure-rbac (built-in roles: RBAC Admin manages all
  // resources of the namespace, Secrets and pods included); RBAC good practices ("Listing Secrets",
  // "Workload creation"); a Kubernetes RoleBinding of cluster-admin in kube-system is reported high.
  it.fails('is reported (Secrets and workloads of kube-system), not passed', () => {
    const found = checkAzureAssignments(facts).filter((f) => f.severity !== 'info');
    expect(found).not.toEqual([]);
  });
});
