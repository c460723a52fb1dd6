import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import { roleGuid, type AzureAssignment, type AzureRoleDefinition } from '../model/azure-rbac.js';

/**
 * The role assignments that reach a cluster: at its scope, and inherited from its resource group,
 * subscription and management groups (`atScope()`), each role definition read once.
 */
export async function readRoleAssignments(
  client: AuthorizationManagementClient,
  clusterId: string,
): Promise<{ assignments: AzureAssignment[]; definitions: Record<string, AzureRoleDefinition> }> {
  const assignments: AzureAssignment[] = [];
  for await (const a of client.roleAssignments.listForScope(clusterId.replace(/^\//, ''), {
    filter: 'atScope()',
  })) {
    if (!a.id || !a.roleDefinitionId || !a.principalId) continue;
    assignments.push({
      id: a.id,
      scope: a.scope ?? '',
      roleDefinitionId: a.roleDefinitionId,
      principalId: a.principalId,
      principalType: a.principalType ?? 'Unknown',
    });
  }
  const definitions: Record<string, AzureRoleDefinition> = {};
  for (const id of new Set(assignments.map((a) => a.roleDefinitionId))) {
    // The SDK puts the id after a slash of its own: without the leading one.
    const d = await client.roleDefinitions.getById(id.replace(/^\//, ''));
    definitions[roleGuid(id)] = {
      id,
      roleName: d.roleName ?? roleGuid(id),
      builtIn: d.roleType === 'BuiltInRole',
      permissions: (d.permissions ?? []).map((p) => ({
        actions: p.actions ?? [],
        notActions: p.notActions ?? [],
        dataActions: p.dataActions ?? [],
        notDataActions: p.notDataActions ?? [],
      })),
    };
  }
  return { assignments, definitions };
}
