import type { SimRequest, SimResponse } from '../http.js';
import type { KubeContext } from './context.js';
import type { Attributes } from './rbac.js';
import { objectBody } from './request.js';
import { R } from './resources.js';
import { invalid, type FieldError } from './status.js';
import { isRecord, text } from './types.js';

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The request a SubjectAccessReview asks about, for the identity its spec names. */
function attributesOf(spec: Record<string, unknown>): Attributes | FieldError[] {
  const user = text(spec['user'], '');
  const groups = strings(spec['groups']);
  const ra = spec['resourceAttributes'];
  const nra = spec['nonResourceAttributes'];
  const errors: FieldError[] = [];
  if (isRecord(ra) === isRecord(nra))
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.resourceAttributes',
      value: 'null',
      detail: 'exactly one of nonResourceAttributes or resourceAttributes must be specified',
    });
  if (user === '' && groups.length === 0)
    errors.push({
      type: 'FieldValueInvalid',
      field: 'spec.user',
      value: '',
      detail: 'at least one of user or group must be specified',
    });
  if (errors.length > 0) return errors;
  if (isRecord(nra))
    return { user, groups, verb: text(nra['verb'], ''), path: text(nra['path'], '') };
  const r = ra as Record<string, unknown>;
  const s = (k: string): string => text(r[k], '');
  return {
    user,
    groups,
    verb: s('verb'),
    group: s('group'),
    resource: s('resource'),
    namespace: s('namespace'),
    name: s('name'),
    ...(s('subresource') ? { subresource: s('subresource') } : {}),
  };
}

/**
 * POST subjectaccessreviews: may this user with these groups do this? Answered by the same
 * authorizer as every request, for the identity exactly as the spec gives it (the API server adds
 * no group to it, not even system:authenticated). Changes nothing.
 */
export function subjectAccessReview(ctx: KubeContext, req: SimRequest): SimResponse {
  const body = objectBody(req);
  const spec = isRecord(body['spec']) ? body['spec'] : {};
  const attrs = attributesOf(spec);
  if (Array.isArray(attrs)) throw invalid(R.subjectaccessreviews, '', attrs);
  const allowed = ctx.authz.reviewAllows(attrs);
  return {
    status: 201,
    body: {
      kind: 'SubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec,
      status: allowed ? { allowed: true, reason: 'RBAC: allowed' } : { allowed: false },
    },
  };
}
