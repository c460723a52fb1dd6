import type { Attributes } from '../kube/rbac.js';
import type { Directory } from '../graph/directory.js';
import type { RoleAssignments } from './role-assignments.js';

const MC = 'Microsoft.ContainerService/managedClusters';

/** The Azure data action a Kubernetes request needs (`.../apps/deployments/write`). */
export function dataActionOf(a: Attributes): string | undefined {
  if (!a.resource) return undefined;
  const path = [a.group, a.resource, a.subresource].filter((p) => p).join('/');
  const read = ['get', 'list', 'watch'];
  const write = ['create', 'update', 'patch'];
  if (a.subresource && ['exec', 'attach', 'portforward', 'proxy'].includes(a.subresource))
    return `${MC}/${path}/action`;
  if (read.includes(a.verb)) return `${MC}/${path}/read`;
  if (write.includes(a.verb)) return `${MC}/${path}/write`;
  if (a.verb === 'delete' || a.verb === 'deletecollection') return `${MC}/${path}/delete`;
  return `${MC}/${path}/${a.verb}/action`;
}

function covers(pattern: string, action: string): boolean {
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 'i').test(action);
}

/**
 * AKS's Azure RBAC webhook: with Azure RBAC on, a request is allowed when a role assigned to the
 * caller (by object id; users arrive by UPN and are looked up in the tenant) or to one of its
 * groups, at the cluster, above it or at the request's namespace, grants its data action.
 */
export function azureRbacAuthorizer(
  assignments: RoleAssignments,
  directory: Directory,
  clusterScope: string,
  enabled: () => boolean,
): (a: Attributes) => boolean {
  return (a) => {
    if (!enabled()) return false;
    const action = dataActionOf(a);
    if (!action) return false;
    const me = directory.find(a.user)?.id ?? a.user;
    const principals = new Set([me, ...a.groups].map((p) => p.toLowerCase()));
    const cluster = clusterScope.toLowerCase();
    return assignments.assignments.some((x) => {
      if (!principals.has(x.principalId.toLowerCase())) return false;
      const scope = x.scope.toLowerCase();
      const reaches =
        cluster === scope ||
        cluster.startsWith(`${scope}/`) ||
        scope.startsWith('/providers/microsoft.management/managementgroups/') ||
        (a.namespace !== undefined &&
          scope === `${cluster}/namespaces/${a.namespace.toLowerCase()}`);
      if (!reaches) return false;
      const role = assignments.roles.find((r) => r.id === x.roleId);
      return (role?.permissions ?? []).some(
        (p) =>
          p.dataActions.some((d) => covers(d, action)) &&
          !p.notDataActions.some((d) => covers(d, action)),
      );
    });
  };
}
