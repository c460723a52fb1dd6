import { apiAccessFactsOf } from '../../checks/access/api-access.js';
import { checkAzureAssignments, namespaceScope } from '../../checks/rbac/azure-assignments.js';
import { roleAssignmentsOf } from '../../azure/shared-reads.js';
import type { AzureRbacFacts } from '../../model/azure-rbac.js';
import type { Connection } from '../../model/connection.js';
import { failureOf } from '../../target/failure.js';
import type { Finding } from '../../model/finding.js';

/** What the rbac step saw of Azure role assignments: facts and findings, or why not. */
export interface AzureLook {
  facts?: AzureRbacFacts;
  findings: Finding[];
  summary: string[];
}

/**
 * Reads the Azure role assignments reaching the cluster (its scope, above it and its namespaces)
 * and checks them. A refusal or failure is a finding and a summary line, never the step's failure
 * (the bindings still count), and never a pass: who holds AKS roles in Azure went unchecked.
 */
export async function lookAtAzureAssignments(connection: Connection): Promise<AzureLook> {
  const arm = connection.arm;
  const authorization = arm?.authorization;
  if (!arm || !authorization) return { findings: [], summary: [] };
  const { cluster } = arm.facts;
  const clusterId =
    cluster.id ??
    `/subscriptions/${arm.at.subscriptionId}/resourceGroups/${arm.at.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${arm.at.name}`;
  try {
    // Sent with connect's first reads when the caller knew this step would run.
    const read = await roleAssignmentsOf(connection, authorization, clusterId);
    const facts: AzureRbacFacts = {
      clusterId,
      ...read,
      azureRbacEnabled: cluster.aadProfile?.enableAzureRbac === true,
      localAccounts: cluster.disableLocalAccounts !== true,
      entraId: apiAccessFactsOf(cluster).entra !== 'off',
      adminGroupObjectIDs: cluster.aadProfile?.adminGroupObjectIDs ?? [],
    };
    const findings = checkAzureAssignments(facts);
    const inNamespaces = read.assignments.filter(
      (a) => namespaceScope(a, clusterId) !== undefined,
    ).length;
    const inherited = read.assignments.filter(
      (a) =>
        a.scope.toLowerCase() !== clusterId.toLowerCase() &&
        namespaceScope(a, clusterId) === undefined,
    ).length;
    const parts = [
      `${inherited} inherited from above`,
      ...(inNamespaces > 0 ? [`${inNamespaces} in namespaces`] : []),
    ];
    const line = `Azure role assignments reaching the cluster: ${read.assignments.length} (${parts.join(', ')})${facts.azureRbacEnabled ? '; Azure RBAC authorizes Kubernetes requests' : ''}.`;
    return { facts, findings, summary: read.assignments.length > 0 ? [line] : [] };
  } catch (error) {
    // What could not be reached or which right is missing, in the words of every failure line.
    const why = failureOf(error, connection, 'read the role assignments').line;
    return { findings: [unreadFinding(why)], summary: [`Azure role assignments not read: ${why}`] };
  }
}

/** The finding for assignments that could not be read: that part of the step has not passed. */
function unreadFinding(why: string): Finding {
  return {
    id: 'rbac.azure-unread',
    severity: 'medium',
    message: `Could not check the Azure role assignments: ${why}`,
    remediation:
      'Read them with a role that has Microsoft.Authorization/roleAssignments/read on the cluster (Reader has it); until then who holds AKS roles in Azure is unchecked.',
  };
}
