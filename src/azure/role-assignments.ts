import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import { roleGuid, type AzureAssignment, type AzureRoleDefinition } from '../model/azure-rbac.js';

/** The assignments reaching a cluster and the role definitions they name (by role GUID). */
export interface RoleAssignmentsRead {
  assignments: AzureAssignment[];
  definitions: Record<string, AzureRoleDefinition>;
}

/**
 * Whether an assignment listed at the cluster's scope reaches its Kubernetes API: at the cluster
 * or above it (the list gives nothing else above), or at one of its namespaces
 * (`<cluster>/namespaces/<ns>`: Azure RBAC for Kubernetes in that namespace). Other scopes below
 * the cluster (a node pool) grant nothing there.
 */
export function reachesCluster(scope: string, clusterId: string): boolean {
  const s = scope.toLowerCase();
  const c = clusterId.toLowerCase();
  if (!s.startsWith(`${c}/`)) return true;
  return /^namespaces\/[^/]+$/.test(s.slice(c.length + 1));
}

/**
 * The role assignments that reach a cluster: at its scope, inherited from its resource group,
 * subscription and management groups, and at its namespaces (listed without `atScope()`, which
 * would leave those out), each role definition read once.
 */
export async function readRoleAssignments(
  client: AuthorizationManagementClient,
  clusterId: string,
): Promise<RoleAssignmentsRead> {
  const assignments: AzureAssignment[] = [];
  // ARM always writes a collection's `value` (`[]` when there is none): a page without it is not
  // a list, and must not read as one with nothing in it (like a Kubernetes list without items).
  let notAList = false;
  const onResponse = (_raw: unknown, flat: unknown) => {
    if (!Array.isArray((flat as { value?: unknown } | undefined)?.value)) notAList = true;
  };
  for await (const a of client.roleAssignments.listForScope(clusterId.replace(/^\//, ''), {
    onResponse,
  })) {
    if (!a.id || !a.roleDefinitionId || !a.principalId) continue;
    if (!reachesCluster(a.scope ?? '', clusterId)) continue;
    assignments.push({
      id: a.id,
      scope: a.scope ?? '',
      roleDefinitionId: a.roleDefinitionId,
      principalId: a.principalId,
      principalType: a.principalType ?? 'Unknown',
    });
  }
  if (notAList)
    throw new Error('the role assignment list answered without "value": not a list, nothing read');
  // Each definition is asked as soon as the assignments name it, all at once.
  const read = await Promise.all(
    [...new Set(assignments.map((a) => a.roleDefinitionId))].map(async (id) => {
      // The SDK puts the id after a slash of its own: without the leading one.
      const d = await client.roleDefinitions.getById(id.replace(/^\//, ''));
      const definition: AzureRoleDefinition = {
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
      return [roleGuid(id), definition] as const;
    }),
  );
  const definitions: Record<string, AzureRoleDefinition> = Object.fromEntries(read);
  return { assignments, definitions };
}
