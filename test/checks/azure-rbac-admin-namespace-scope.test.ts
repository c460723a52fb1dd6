// With Azure RBAC for Kubernetes on, "Azure Kubernetes Service RBAC Admin" assigned to a
// group at the scope of namespace kube-system is judged at that scope (it gave no finding: a role
// with every data action was judged only at the cluster's scope, and the per-right checks
// were skipped for it).
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
  it('is reported (Secrets and workloads of kube-system), not passed', () => {
    const found = checkAzureAssignments(facts).filter((f) => f.severity !== 'info');
    expect(found).not.toEqual([]);
  });
});

describe('Azure RBAC: a role with every data action at a namespace scope', () => {
  const at = (ns: string): AzureRbacFacts => {
    const s = `${CLUSTER}/namespaces/${ns}`;
    return { ...facts, assignments: [{ ...facts.assignments[0]!, scope: s }] };
  };
  const found = (f: AzureRbacFacts) =>
    checkAzureAssignments(f)
      .map((x) => `${x.id}:${x.severity}`)
      .sort();

  it('is high in kube-system (its ServiceAccounts are the add-ons) and medium elsewhere', () => {
    expect(found(at('kube-system'))).toEqual(['rbac.escalation:high', 'rbac.secrets-read:high']);
    expect(found(at('shop'))).toEqual(['rbac.escalation:medium', 'rbac.secrets-read:medium']);
  });

  it('is no cluster-wide admin grant there, and at the cluster scope it stays one', () => {
    expect(found(at('shop'))).not.toContain('rbac.azure-admin-grant:high');
    expect(
      found({ ...facts, assignments: [{ ...facts.assignments[0]!, scope: CLUSTER }] }),
    ).toEqual(['rbac.azure-admin-grant:high']);
  });

  it('names the namespace change right only when the role keeps it (RBAC Admin drops it)', () => {
    const msg = checkAzureAssignments(at('shop')).find((x) => x.id === 'rbac.escalation')!.message;
    expect(msg).not.toContain("namespaces' labels");
    expect(msg).toContain('runs commands in pods');
  });
});
