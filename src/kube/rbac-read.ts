import { ApiException, RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { BindingObject, RbacObjects, RoleObject } from '../model/rbac.js';
import { listJsonPages } from './json-pages.js';
import { listUnlessForbidden, type Page } from './paged.js';

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
  const rbacPath = '/apis/rbac.authorization.k8s.io/v1';
  const [roleBindings, clusterRoleBindings, roles, clusterRoles] = await Promise.all([
    plainUnlessForbidden<BindingObject>(kc, `${rbacPath}/rolebindings`, (c) =>
      api.listRoleBindingForAllNamespaces(opts(c)),
    ),
    plainUnlessForbidden<BindingObject>(kc, `${rbacPath}/clusterrolebindings`, (c) =>
      api.listClusterRoleBinding(opts(c)),
    ),
    plainUnlessForbidden<RoleObject>(kc, `${rbacPath}/roles`, (c) =>
      api.listRoleForAllNamespaces(opts(c)),
    ),
    plainUnlessForbidden<RoleObject>(kc, `${rbacPath}/clusterroles`, (c) =>
      api.listClusterRole(opts(c)),
    ),
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
    roleBindings: roleBindings ?? [],
    clusterRoleBindings: clusterRoleBindings ?? [],
    roles: roles ?? [],
    clusterRoles: clusterRoles ?? [],
    forbidden,
  };
}

/**
 * Every item of an RBAC list as plain JSON, item by item as the pages arrive (as nodes and pods
 * are read), or through the API client when the wire has no reader; `undefined` when the cluster
 * refused the list (403). client-node's model classes cost about 100 ms of CPU for large's 5,000
 * RoleBindings, in one piece per page while the first pod pages are on their way. The items have
 * the wire's shapes (timestamps as strings); the checks read names, labels, annotations, rules,
 * role references and subjects, which are the same either way.
 */
async function plainUnlessForbidden<T>(
  kc: KubeConfig,
  path: string,
  viaClient: (cont: string | undefined) => Promise<Page<unknown>>,
): Promise<T[] | undefined> {
  try {
    const plain = await listJsonPages(kc, path, { limit: String(PAGE) }, (o) => o as T);
    if (plain) return plain;
  } catch (error) {
    if (error instanceof ApiException && error.code === 403) return undefined;
    throw error;
  }
  return (await listUnlessForbidden(viaClient)) as T[] | undefined;
}
