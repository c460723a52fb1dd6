import { RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { BindingObject, RbacObjects } from '../model/rbac.js';
import { listUnlessForbidden } from './paged.js';

const PAGE = 500;

/** The RBAC objects, and which of the four lists were refused (by plural name). */
export type RbacRead = RbacObjects & { forbidden: string[] };

/** Reads every RoleBinding, ClusterRoleBinding, Role and ClusterRole (paged); refused lists are named. */
export async function readRbac(kc: KubeConfig): Promise<RbacRead> {
  const api = kc.makeApiClient(RbacAuthorizationV1Api);
  const opts = (cont: string | undefined) => ({
    limit: PAGE,
    ...(cont ? { _continue: cont } : {}),
  });
  const [roleBindings, clusterRoleBindings, roles, clusterRoles] = await Promise.all([
    listUnlessForbidden((c) => api.listRoleBindingForAllNamespaces(opts(c))),
    listUnlessForbidden((c) => api.listClusterRoleBinding(opts(c))),
    listUnlessForbidden((c) => api.listRoleForAllNamespaces(opts(c))),
    listUnlessForbidden((c) => api.listClusterRole(opts(c))),
  ]);
  const forbidden = (
    [
      ['rolebindings', roleBindings],
      ['clusterrolebindings', clusterRoleBindings],
      ['roles', roles],
      ['clusterroles', clusterRoles],
    ] as const
  )
    .filter(([, list]) => list === undefined)
    .map(([name]) => name);
  return {
    roleBindings: (roleBindings ?? []) as BindingObject[],
    clusterRoleBindings: (clusterRoleBindings ?? []) as BindingObject[],
    roles: roles ?? [],
    clusterRoles: clusterRoles ?? [],
    forbidden,
  };
}
