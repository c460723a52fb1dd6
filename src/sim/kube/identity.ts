// Who a request acts as: the authenticated caller, or the user and groups it impersonates
// (`Impersonate-User`, `Impersonate-Group`, `Impersonate-Uid`, `Impersonate-Extra-*`, what
// `kubectl --as/--as-group` sends) when RBAC grants it `impersonate` on them; and the
// SelfSubjectReview that tells a caller who it is (`kubectl auth whoami`).
import type { Caller, SimRequest, SimResponse } from '../http.js';
import { kubeStatus } from '../server.js';
import type { KubeContext } from './context.js';
import { Authorizer } from './rbac.js';
import { ApiError, badRequest } from './status.js';

function header(req: SimRequest, name: string): string[] {
  const v = req.headers[name];
  if (v === undefined) return [];
  // Node joins repeated headers with ", ".
  return (Array.isArray(v) ? v : v.split(', ')).filter((x) => x !== '');
}

function refuse(
  caller: Caller,
  resource: string,
  name: string,
  group: string,
  ns: string,
): ApiError {
  const where = ns ? `in the namespace "${ns}"` : 'at the cluster scope';
  return new ApiError(
    kubeStatus(
      403,
      'Forbidden',
      `${resource}${group ? `.${group}` : ''} "${name}" is forbidden: User "${caller.user}" cannot impersonate resource "${resource}" in API group "${group}" ${where}`,
      { name, ...(group ? { group } : {}), kind: resource },
    ),
  );
}

/**
 * The identity the request acts as. Throws 403 (the API server's wording) when the caller may not
 * impersonate what it asks for, 400 for groups or extras without a user.
 */
export function effectiveCaller(ctx: KubeContext, req: SimRequest): Caller {
  const user = header(req, 'impersonate-user')[0];
  const groups = header(req, 'impersonate-group');
  const uid = header(req, 'impersonate-uid')[0];
  const extras = Object.keys(req.headers).filter((h) => h.startsWith('impersonate-extra-'));
  if (user === undefined) {
    if (groups.length || uid || extras.length)
      throw badRequest(
        'requested impersonation of groups, a uid or extras without impersonating a user',
      );
    return req.caller;
  }
  const caller = req.caller;
  const may = (resource: string, name: string, group = '', namespace = ''): void => {
    const allowed = ctx.authz.allows({
      user: caller.user,
      groups: caller.groups,
      verb: 'impersonate',
      group,
      resource,
      namespace,
      name,
    });
    if (!allowed) throw refuse(caller, resource, name, group, namespace);
  };
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  if (sa) may('serviceaccounts', sa[2]!, '', sa[1]);
  else may('users', user);
  for (const g of groups) may('groups', g);
  if (uid) may('uids', uid, 'authentication.k8s.io');
  for (const h of extras)
    for (const v of header(req, h))
      may(`userextras/${h.slice('impersonate-extra-'.length)}`, v, 'authentication.k8s.io');
  const implied = sa ? ['system:serviceaccounts', `system:serviceaccounts:${sa[1]!}`] : [];
  return { user, groups: [...new Set([...groups, ...implied])], audience: caller.audience };
}

/** POST selfsubjectreviews: the caller's user and groups as the API server sees them. */
export function selfSubjectReview(req: SimRequest): SimResponse {
  const { user, groups } = req.caller;
  return {
    status: 201,
    body: {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { creationTimestamp: null },
      status: { userInfo: { username: user, groups: Authorizer.effectiveGroups(user, groups) } },
    },
  };
}
