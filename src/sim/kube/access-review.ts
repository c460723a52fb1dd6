import type { SimRequest, SimResponse } from '../http.js';
import type { KubeContext } from './context.js';
import type { Attributes } from './rbac.js';
import { objectBody } from './request.js';
import { badRequest } from './status.js';
import { isRecord, text } from './types.js';

const AUTHZ = 'authorization.k8s.io/v1';

/** The review's spec, from JSON or from kubectl's protobuf body. */
function reviewSpec(req: SimRequest, kind: string): Record<string, unknown> {
  const body = objectBody(req);
  if (body['kind'] !== undefined && body['kind'] !== kind) throw badRequest(`not a ${kind} object`);
  return isRecord(body['spec']) ? body['spec'] : {};
}

/** POST selfsubjectaccessreviews: may the caller do this? Answered from the store's RBAC. */
export function selfSubjectAccessReview(ctx: KubeContext, req: SimRequest): SimResponse {
  const spec = reviewSpec(req, 'SelfSubjectAccessReview');
  const { user, groups } = req.caller;
  const ra = spec['resourceAttributes'];
  const nra = spec['nonResourceAttributes'];
  let attrs: Attributes;
  if (isRecord(ra)) {
    const s = (k: string): string => (typeof ra[k] === 'string' ? ra[k] : '');
    attrs = {
      user,
      groups,
      verb: s('verb'),
      group: s('group'),
      resource: s('resource'),
      namespace: s('namespace'),
      name: s('name'),
    };
    if (s('subresource')) attrs.subresource = s('subresource');
  } else if (isRecord(nra)) {
    attrs = { user, groups, verb: text(nra['verb'], ''), path: text(nra['path'], '') };
  } else {
    throw badRequest(
      'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
  }
  const allowed = ctx.authz.allows(attrs);
  return {
    status: 201,
    body: {
      kind: 'SelfSubjectAccessReview',
      apiVersion: AUTHZ,
      metadata: { creationTimestamp: null },
      spec,
      status: allowed ? { allowed: true, reason: 'RBAC: allowed' } : { allowed: false },
    },
  };
}

/** POST selfsubjectrulesreviews: the caller's rules in a namespace (`kubectl auth can-i --list`). */
export function selfSubjectRulesReview(ctx: KubeContext, req: SimRequest): SimResponse {
  const spec = reviewSpec(req, 'SelfSubjectRulesReview');
  const ns = typeof spec['namespace'] === 'string' ? spec['namespace'] : '';
  const rules = ctx.authz.rulesFor(req.caller.user, req.caller.groups, ns);
  const resourceRules = rules
    .filter((r) => r.resources.length > 0)
    .map((r) => ({
      verbs: r.verbs,
      apiGroups: r.apiGroups,
      resources: r.resources,
      ...(r.resourceNames.length ? { resourceNames: r.resourceNames } : {}),
    }));
  const nonResourceRules = rules
    .filter((r) => r.nonResourceURLs.length > 0)
    .map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs }));
  return {
    status: 201,
    body: {
      kind: 'SelfSubjectRulesReview',
      apiVersion: AUTHZ,
      metadata: { creationTimestamp: null },
      spec,
      status: { resourceRules, nonResourceRules, incomplete: false },
    },
  };
}
