import { jsonBody, type Router, type SimRequest, type SimResponse } from '../http.js';
import { armError } from '../server.js';
import { AUTHORIZATION_API_VERSIONS } from './api-versions.js';
import { guard, type ArmRole } from './guards.js';
import { AUTH, guid, type Assignment, type RoleAssignments } from './role-assignments.js';
import { MC } from './routes-cluster.js';
import type { ClusterState } from './state.js';

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
  // A namespace of the cluster is a scope of its own (Azure RBAC for Kubernetes per namespace).
  const scopes = [
    [SUB, 'subscription'],
    [RG, 'group'],
    [MC, 'cluster'],
    [`${MC}/namespaces/{namespace}`, 'cluster'],
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
