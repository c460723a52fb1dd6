import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BUILT_IN_ROLES, type RoleDefinitionSpec } from './role-definitions.js';
import type { ClusterState } from './state.js';

/** A GUID, as ARM spells object ids and assignment names. */
export const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i, 'expected a GUID');

/**
 * Azure role assignments of the scenario (`azureRbac:` in the descriptor): who holds which role
 * at the cluster or above it (resource group, subscription, a management group), and custom roles.
 */
export const azureRbacSchema = z.strictObject({
  assignments: z
    .array(
      z.strictObject({
        principalId: guid,
        principalType: z.enum(['User', 'Group', 'ServicePrincipal']),
        /** A built-in role's name (or id), or a custom role's name. */
        role: z.string(),
        /** `cluster`, `namespace/<ns>` (of the cluster), `resourceGroup`, `subscription` or `managementGroup/<name>`. */
        scope: z
          .string()
          .regex(
            /^(cluster|namespace\/[a-z0-9-]+|resourceGroup|subscription|managementGroup\/[\w.-]+)$/,
          ),
        name: guid.optional(),
      }),
    )
    .default([]),
  customRoles: z
    .array(
      z.strictObject({
        id: guid,
        roleName: z.string(),
        description: z.string().default(''),
        actions: z.array(z.string()).default([]),
        notActions: z.array(z.string()).default([]),
        dataActions: z.array(z.string()).default([]),
        notDataActions: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});
export type AzureRbacDoc = z.output<typeof azureRbacSchema>;

/** The resource provider path segment of role assignments and definitions. */
export const AUTH = 'providers/Microsoft.Authorization';

/** One role assignment as the simulator keeps it. */
export interface Assignment {
  name: string;
  scope: string;
  roleId: string;
  principalId: string;
  principalType: string;
  createdOn: string;
}

/** The role assignments and definitions ARM serves for the scenario's subscription. */
export class RoleAssignments {
  readonly roles: RoleDefinitionSpec[];
  readonly assignments: Assignment[] = [];

  constructor(
    private readonly cluster: ClusterState,
    doc: AzureRbacDoc | undefined,
  ) {
    this.roles = [
      ...BUILT_IN_ROLES,
      ...(doc?.customRoles ?? []).map((r): RoleDefinitionSpec => ({
        id: r.id,
        roleName: r.roleName,
        type: 'CustomRole',
        description: r.description,
        permissions: [
          {
            actions: r.actions,
            notActions: r.notActions,
            dataActions: r.dataActions,
            notDataActions: r.notDataActions,
          },
        ],
      })),
    ];
    for (const a of doc?.assignments ?? []) {
      const role = this.roles.find(
        (r) => r.roleName.toLowerCase() === a.role.toLowerCase() || r.id === a.role.toLowerCase(),
      );
      if (!role) throw new Error(`azureRbac: no role named "${a.role}" (built-in or custom)`);
      const scope = this.scopeOf(a.scope);
      this.assignments.push({
        name: a.name ?? nameFor(scope, role.id, a.principalId),
        scope,
        roleId: role.id,
        principalId: a.principalId,
        principalType: a.principalType,
        createdOn: '2025-01-15T09:30:00.0000000Z',
      });
    }
  }

  /** The ARM scope path a descriptor's scope word stands for. */
  scopeOf(word: string): string {
    const sub = `/subscriptions/${this.cluster.subscriptionId}`;
    const rg = `${sub}/resourceGroups/${this.cluster.resourceGroup}`;
    if (word === 'subscription') return sub;
    if (word === 'resourceGroup') return rg;
    const cluster = `${rg}/providers/Microsoft.ContainerService/managedClusters/${this.cluster.name}`;
    if (word === 'cluster') return cluster;
    if (word.startsWith('namespace/'))
      return `${cluster}/namespaces/${word.slice('namespace/'.length)}`;
    return `/providers/Microsoft.Management/managementGroups/${word.slice('managementGroup/'.length)}`;
  }

  definitionId(roleId: string): string {
    return `/subscriptions/${this.cluster.subscriptionId}/${AUTH}/roleDefinitions/${roleId}`;
  }

  wire(a: Assignment): Record<string, unknown> {
    return {
      id: `${a.scope}/${AUTH}/roleAssignments/${a.name}`,
      name: a.name,
      type: 'Microsoft.Authorization/roleAssignments',
      properties: {
        roleDefinitionId: this.definitionId(a.roleId),
        principalId: a.principalId,
        principalType: a.principalType,
        scope: a.scope,
        condition: null,
        conditionVersion: null,
        createdOn: a.createdOn,
        updatedOn: a.createdOn,
        createdBy: null,
        updatedBy: null,
        delegatedManagedIdentityResourceId: null,
        description: null,
      },
    };
  }

  definitionWire(r: RoleDefinitionSpec): Record<string, unknown> {
    return {
      id: this.definitionId(r.id),
      name: r.id,
      type: 'Microsoft.Authorization/roleDefinitions',
      properties: {
        roleName: r.roleName,
        type: r.type,
        description: r.description,
        assignableScopes: ['/'],
        permissions: r.permissions,
      },
    };
  }
}

/** A stable assignment name (a GUID) from its scope, role and principal, like `guid()` in Bicep. */
function nameFor(scope: string, roleId: string, principalId: string): string {
  const h = createHash('sha256')
    .update(`${scope}|${roleId}|${principalId}`.toLowerCase())
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
