// Repro: with Azure RBAC for Kubernetes on, a custom Azure role whose only Kubernetes right is
// exec into pods (`managedClusters/pods/exec/action`), assigned at the cluster's scope, gives no
// finding, although exec into any pod (kube-system's included) is reported for Kubernetes roles.
import { describe, expect, it } from 'vitest';
import { checkAzureAssignments } from '../../src/checks/rbac/azure-assignments.js';
import type { AzureRbacFacts, AzureRoleDefinition } from '../../src/model/azure-rbac.js';

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001';
const CLUSTER = `${SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c`;
const MC = 'Microsoft.ContainerService/managedClusters';
const ROLE = '9d3c2b1a-0f1e-4d2c-8b3a-4c5d6e7f8a9b';
const execer: AzureRoleDefinition = {
  id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE}`,
  roleName: 'Pod debugger',
  builtIn: false,
  permissions: [
    {
      actions: [`${MC}/read`],
      notActions: [],
      dataActions: [`${MC}/pods/read`, `${MC}/pods/exec/action`],
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
      roleDefinitionId: execer.id,
      principalId: '33333333-3333-4333-8333-333333333333',
      principalType: 'Group',
    },
  ],
  definitions: { [ROLE]: execer },
  azureRbacEnabled: true,
  localAccounts: false,
  entraId: true,
};

describe('Azure RBAC: exec into pods at the cluster scope', () => {
  // RBAC good practices (https://kubernetes.io/docs/concepts/security/rbac-good-practices/):
  // exec into a pod runs commands with its ServiceAccount and Secrets; the Kubernetes checks
  // report `create pods/exec` as rbac.escalation. The AKS data action for it is
  // Microsoft.ContainerService/managedClusters/pods/exec/action (Azure resource provider operations).
  it.fails('is reported as an escalation, as the same right in a Kubernetes role is', () => {
    const ids = checkAzureAssignments(facts).map((f) => f.id);
    expect(ids).toContain('rbac.escalation');
  });
});
