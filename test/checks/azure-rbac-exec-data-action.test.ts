// With Azure RBAC for Kubernetes on, a custom Azure role whose only Kubernetes right is
// exec into pods (`managedClusters/pods/exec/action`), assigned at the cluster's scope, is an
// rbac.escalation, as exec into any pod (kube-system's included) is reported for Kubernetes roles.
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
  it('is reported as an escalation, as the same right in a Kubernetes role is', () => {
    const ids = checkAzureAssignments(facts).map((f) => f.id);
    expect(ids).toContain('rbac.escalation');
  });
});

describe('Azure RBAC: data actions mapped from the Kubernetes capability list', () => {
  const withData = (dataActions: string[], scope = CLUSTER): AzureRbacFacts => ({
    ...facts,
    assignments: [{ ...facts.assignments[0]!, scope }],
    definitions: {
      [ROLE]: { ...execer, permissions: [{ ...execer.permissions[0]!, dataActions }] },
    },
  });
  const escalation = (f: AzureRbacFacts) =>
    checkAzureAssignments(f).find((x) => x.id === 'rbac.escalation');

  it.each([
    [
      `${MC}/admissionregistration.k8s.io/mutatingwebhookconfigurations/write`,
      'admission webhooks',
    ],
    [
      `${MC}/admissionregistration.k8s.io/validatingwebhookconfigurations/write`,
      'admission webhooks',
    ],
    [`${MC}/namespaces/write`, "namespaces' labels"],
    [`${MC}/persistentvolumes/write`, 'PersistentVolumes'],
    [`${MC}/rbac.authorization.k8s.io/clusterroles/bind/action`, 'binds or escalates'],
    [`${MC}/pods/*`, 'runs commands in pods'],
  ])('%s is an escalation (%s)', (action, words) => {
    const found = escalation(withData([action]));
    expect(found?.severity).toBe('high');
    expect(found?.message).toContain(words);
  });

  it('approving CSRs needs the signer approve action as well (creating CSRs alone is harmless)', () => {
    const csr = `${MC}/certificates.k8s.io/certificatesigningrequests/write`;
    expect(escalation(withData([csr]))).toBeUndefined();
    expect(
      escalation(withData([csr, `${MC}/certificates.k8s.io/signers/approve/action`]))?.message,
    ).toContain('certificate signing requests');
  });

  it('exec at one namespace is medium; a NotDataAction takes it away', () => {
    expect(
      escalation(withData([`${MC}/pods/exec/action`], `${CLUSTER}/namespaces/shop`))?.severity,
    ).toBe('medium');
    const denied: AzureRbacFacts = {
      ...facts,
      definitions: {
        [ROLE]: {
          ...execer,
          permissions: [
            {
              ...execer.permissions[0]!,
              dataActions: [`${MC}/pods/*`],
              notDataActions: [
                `${MC}/pods/exec/action`,
                `${MC}/pods/write`,
                `${MC}/pods/attach/action`,
                `${MC}/pods/portforward/action`,
                `${MC}/pods/ephemeralcontainers/write`,
              ],
            },
          ],
        },
      },
    };
    expect(escalation(denied)).toBeUndefined();
  });
});
