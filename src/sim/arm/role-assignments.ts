import { createHash } from 'node:crypto';
import { z } from 'zod';
import { jsonBody, type Router, type SimRequest, type SimResponse } from '../http.js';
import { armError } from '../server.js';
import { AUTHORIZATION_API_VERSIONS } from './api-versions.js';
import { guard, type ArmRole } from './guards.js';
import { BUILT_IN_ROLES, type RoleDefinitionSpec } from './role-definitions.js';
import { MC } from './routes-cluster.js';
import type { ClusterState } from './state.js';

const guid = z.string().regex(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i, 'expected a GUID');

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
        /** `cluster`, `resourceGroup`, `subscription` or `managementGroup/<name>`. */
        scope: z.string().regex(/^(cluster|resourceGroup|subscription|managementGroup\/[\w.-]+)$/),
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

const AUTH = 'providers/Microsoft.Authorization';

interface Assignment {
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
    if (word === 'cluster')
      return `${rg}/providers/Microsoft.ContainerService/managedClusters/${this.cluster.name}`;
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

/** The scope part of a request path: everything before `/providers/Microsoft.Authorization`. */
function scopeOfPath(path: string): string {
  const at = path.toLowerCase().indexOf(`/${AUTH.toLowerCase()}/`);
  return at < 0 ? path : path.slice(0, at);
}

const within = (inner: string, outer: string) =>
  inner.toLowerCase() === outer.toLowerCase() ||
  inner.toLowerCase().startsWith(`${outer.toLowerCase()}/`);

/** Whether an assignment at `outer` reaches `inner`: the scenario's management groups hold its subscription. */
const above = (outer: string, inner: string) =>
  within(inner, outer) ||
  outer.toLowerCase().startsWith('/providers/microsoft.management/managementgroups/');

/**
 * `roleAssignments` (list at a scope: assignments there, inherited from above and, without
 * `atScope()`, below; get, create, delete) and `roleDefinitions` (get) at the subscription,
 * resource group and cluster scopes, with ARM's checks: only Owner writes role assignments.
 */
export function registerRoleAssignmentRoutes(
  router: Router,
  cluster: ClusterState,
  role: ArmRole,
  store: RoleAssignments,
): void {
  const SUB = '/subscriptions/{subscriptionId}';
  const RG = `${SUB}/resourceGroups/{resourceGroupName}`;
  const checked = (req: SimRequest, scope: 'subscription' | 'group' | 'cluster') =>
    guard(
      req,
      cluster,
      role === 'none' ? 'none' : 'reader',
      'read',
      scope,
      AUTHORIZATION_API_VERSIONS,
    );
  const scopes = [
    [SUB, 'subscription'],
    [RG, 'group'],
    [MC, 'cluster'],
  ] as const;
  for (const [prefix, level] of scopes) {
    router.on('GET', `${prefix}/${AUTH}/roleAssignments`, (req) => {
      const refused = checked(req, level);
      if (refused) return refused;
      const scope = scopeOfPath(req.path);
      const filter = req.query.get('$filter') ?? '';
      const atScope = /atScope\(\)/i.test(filter);
      const principal = /principalId\s+eq\s+'([^']+)'/i.exec(filter)?.[1]?.toLowerCase();
      const value = store.assignments
        .filter((a) => above(a.scope, scope) || (!atScope && within(a.scope, scope)))
        .filter((a) => !principal || a.principalId.toLowerCase() === principal)
        .map((a) => store.wire(a));
      return { status: 200, body: { value } };
    });
    router.on('GET', `${prefix}/${AUTH}/roleDefinitions/{roleId}`, (req) => {
      const refused = checked(req, level);
      if (refused) return refused;
      const r = store.roles.find((d) => d.id === req.params['roleId']?.toLowerCase());
      if (!r)
        return armError(
          404,
          'RoleDefinitionDoesNotExist',
          'The specified role definition with ID does not exist.',
        );
      return { status: 200, body: store.definitionWire(r) };
    });
    router.on('GET', `${prefix}/${AUTH}/roleAssignments/{name}`, (req) => {
      const refused = checked(req, level);
      if (refused) return refused;
      const a = find(store, req);
      return a
        ? { status: 200, body: store.wire(a) }
        : armError(404, 'RoleAssignmentNotFound', 'The role assignment does not exist.');
    });
    router.on('PUT', `${prefix}/${AUTH}/roleAssignments/{name}`, (req) => {
      const refused = checked(req, level) ?? ownerOnly(req, role, 'write');
      if (refused) return refused;
      return create(store, req);
    });
    router.on('DELETE', `${prefix}/${AUTH}/roleAssignments/{name}`, (req) => {
      const refused = checked(req, level) ?? ownerOnly(req, role, 'delete');
      if (refused) return refused;
      const a = find(store, req);
      if (!a) return { status: 204 };
      store.assignments.splice(store.assignments.indexOf(a), 1);
      return { status: 200, body: store.wire(a) };
    });
  }
}

function find(store: RoleAssignments, req: SimRequest): Assignment | undefined {
  const scope = scopeOfPath(req.path);
  const name = req.params['name']?.toLowerCase();
  return store.assignments.find(
    (a) => a.name.toLowerCase() === name && a.scope.toLowerCase() === scope.toLowerCase(),
  );
}

function ownerOnly(
  req: SimRequest,
  role: ArmRole,
  verb: 'write' | 'delete',
): SimResponse | undefined {
  if (role === 'owner') return undefined;
  return armError(
    403,
    'AuthorizationFailed',
    `The client '${req.caller.user}' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/${verb}' over scope '${scopeOfPath(req.path)}' or the scope is invalid.`,
  );
}

function create(store: RoleAssignments, req: SimRequest): SimResponse {
  const props = jsonBody<{ properties?: Record<string, unknown> }>(req)?.properties ?? {};
  const roleDefinitionId =
    typeof props['roleDefinitionId'] === 'string' ? props['roleDefinitionId'] : '';
  const principalId = typeof props['principalId'] === 'string' ? props['principalId'] : '';
  const roleId = roleDefinitionId.split('/').pop()?.toLowerCase() ?? '';
  if (!store.roles.some((r) => r.id === roleId))
    return armError(
      400,
      'RoleDefinitionDoesNotExist',
      'The specified role definition with ID does not exist.',
    );
  if (!guid.safeParse(principalId).success)
    return armError(
      400,
      'InvalidPrincipalId',
      'A valid principal ID must be provided for role assignment.',
    );
  const scope = scopeOfPath(req.path);
  const name = req.params['name'] ?? '';
  const same = store.assignments.find(
    (a) =>
      a.scope.toLowerCase() === scope.toLowerCase() &&
      a.roleId === roleId &&
      a.principalId.toLowerCase() === principalId.toLowerCase(),
  );
  if (same && same.name.toLowerCase() !== name.toLowerCase())
    return armError(409, 'RoleAssignmentExists', 'The role assignment already exists.');
  if (same) return { status: 200, body: store.wire(same) };
  const a: Assignment = {
    name,
    scope,
    roleId,
    principalId,
    principalType: typeof props['principalType'] === 'string' ? props['principalType'] : 'User',
    createdOn: new Date().toISOString(),
  };
  store.assignments.push(a);
  return { status: 201, body: store.wire(a) };
}
