// With Azure RBAC for Kubernetes on, the built-in "Azure Kubernetes Service RBAC Writer" assigned
// to a group at the cluster's scope reads every Secret of every namespace (kube-system included)
// and runs pods as any ServiceAccount there: the same capability findings Kubernetes RBAC gets,
// high cluster-wide, medium in one namespace, NotDataActions honoured.
import { describe, expect, it } from 'vitest';
import { checkAzureAssignments } from '../../src/checks/rbac/azure-assignments.js';
import type { AzureRbacFacts, AzureRoleDefinition } from '../../src/model/azure-rbac.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';
const CLUSTER = `${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c`;
const MC = 'Microsoft.ContainerService/managedClusters';
// A part of the built-in role's data actions (Azure built-in roles, Containers).
const writer: AzureRoleDefinition = {
  id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb`,
  roleName: 'Azure Kubernetes Service RBAC Writer',
  builtIn: true,
  permissions: [
    {
      actions: ['Microsoft.ContainerService/managedClusters/read'],
      notActions: [],
      dataActions: [`${MC}/pods/*`, `${MC}/secrets/*`, `${MC}/apps/deployments/*`],
      notDataActions: [],
    },
  ],
};
const facts: AzureRbacFacts = {
  clusterId: CLUSTER,
  assignments: [
    {
      id: `${CLUSTER}/providers/Microsoft.Authorization/roleAssignments/a1`,
      scope: CLUSTER,
      roleDefinitionId: writer.id,
      principalId: '33333333-3333-4333-8333-333333333333',
      principalType: 'Group',
    },
  ],
  definitions: { 'a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb': writer },
  azureRbacEnabled: true,
  localAccounts: false,
  entraId: true,
};

describe('RBAC Writer for a group at the cluster scope, Azure RBAC on', () => {
  // learn.microsoft.com/azure/aks/manage-azure-rbac, built-in roles: RBAC Writer "allows accessing
  // Secrets and running Pods as any ServiceAccount in the namespace ... Applying this role at
  // cluster scope will give access across all namespaces"; kubernetes.io RBAC good practices,
  // "Listing Secrets" and "Workload creation" call these privilege-escalation paths.
  it('is reported: Secrets of every namespace and pods as any ServiceAccount', () => {
    const found = checkAzureAssignments(facts);
    expect(found.filter((f) => f.severity === 'high' || f.severity === 'medium')).not.toEqual([]);
    expect(found.map((f) => `${f.id}:${f.severity}`).sort()).toEqual([
      'rbac.escalation:high',
      'rbac.secrets-read:high',
    ]);
  });

  it('is medium at a namespace scope', () => {
    const a = { ...facts.assignments[0]!, scope: `${CLUSTER}/namespaces/shop` };
    const found = checkAzureAssignments({ ...facts, assignments: [a] });
    expect(found.map((f) => `${f.id}:${f.severity}`).sort()).toEqual([
      'rbac.escalation:medium',
      'rbac.secrets-read:medium',
    ]);
  });

  it('honours NotDataActions', () => {
    const p = writer.permissions[0]!;
    const narrowed: AzureRoleDefinition = {
      ...writer,
      builtIn: false,
      id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/custom`,
      permissions: [{ ...p, notDataActions: [`${MC}/secrets/*`, `${MC}/pods/write`] }],
    };
    const found = checkAzureAssignments({
      ...facts,
      assignments: [{ ...facts.assignments[0]!, roleDefinitionId: narrowed.id }],
      definitions: { custom: narrowed },
    });
    expect(found.map((f) => f.id)).toEqual(['rbac.escalation']);
    expect(found[0]?.message).not.toMatch(/Secrets \(/);
  });
});
