import type { Handler, Router, SimRequest, SimResponse } from '../http.js';
import { kubeStatus } from '../server.js';
import { selfSubjectAccessReview, selfSubjectRulesReview } from './access-review.js';
import { subjectAccessReview } from './subject-access-review.js';
import type { KubeContext } from './context.js';
import { registerDiscovery, type Served } from './discovery.js';
import { registerOpenApi } from './openapi.js';
import { forbiddenReason } from './rbac.js';
import { getOne, listOrWatch, methodNotSupported } from './read.js';
import { scaleSubresource } from './scale.js';
import { type Target, resolveTarget, verbOf } from './request.js';
import { ApiError, forbidden } from './status.js';
import { createObject } from './create.js';
import { deleteObject } from './delete.js';
import { evictionSubresource } from './eviction-route.js';
import { patchObject, updateObject } from './update.js';
import { podLog } from './pod-log.js';
import { effectiveCaller, selfSubjectReview } from './identity.js';
import { metricsResponse } from './metrics.js';

function answerErrors(fn: () => SimResponse): SimResponse {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ApiError) return e.response;
    return kubeStatus(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`);
  }
}

/** Refuses non-resource paths the caller has no `get` rule for (system:discovery grants them). */
function nonResource(ctx: KubeContext, path: string, handler: Handler): Handler {
  return (req) =>
    answerErrors(() => {
      req.caller = effectiveCaller(ctx, req);
      const attrs = {
        user: req.caller.user,
        groups: req.caller.groups,
        verb: req.method.toLowerCase(),
        path,
      };
      if (!ctx.authz.allows(attrs)) {
        throw forbidden(undefined, undefined, forbiddenReason(attrs));
      }
      return handler(req) as SimResponse;
    });
}

function dispatch(ctx: KubeContext, req: SimRequest, target: Target, verb: string): SimResponse {
  const { t } = target;
  if (t.resource === 'selfsubjectaccessreviews' && verb === 'create')
    return selfSubjectAccessReview(ctx, req);
  if (t.resource === 'selfsubjectrulesreviews' && verb === 'create')
    return selfSubjectRulesReview(ctx, req);
  if (t.resource === 'subjectaccessreviews' && verb === 'create')
    return subjectAccessReview(ctx, req);
  if (t.resource === 'selfsubjectreviews' && verb === 'create') return selfSubjectReview(req);
  if (t.group === 'metrics.k8s.io') {
    if (verb !== 'get' && verb !== 'list') throw methodNotSupported(target);
    return metricsResponse(ctx, req, target);
  }
  if (target.subresource === 'eviction') {
    if (verb !== 'create') throw methodNotSupported(target);
    return evictionSubresource(ctx, req, target);
  }
  if (target.subresource === 'scale') return scaleSubresource(ctx, req, target, verb);
  if (target.subresource === 'log') {
    if (verb !== 'get') throw methodNotSupported(target);
    return podLog(ctx, target);
  }
  if (target.subresource === 'status') {
    if (verb === 'get') return getOne(ctx, req, target);
    if (verb === 'update') return updateObject(ctx, req, target);
    if (verb === 'patch') return patchObject(ctx, req, target);
    throw methodNotSupported(target);
  }
  if (!t.verbs.includes(verb)) throw methodNotSupported(target);
  switch (verb) {
    case 'get':
      return getOne(ctx, req, target);
    case 'list':
    case 'watch':
      return listOrWatch(ctx, req, target);
    case 'create':
      if (target.name) throw methodNotSupported(target);
      return createObject(ctx, req, target);
    case 'update':
      return updateObject(ctx, req, target);
    case 'patch':
      return patchObject(ctx, req, target);
    case 'delete':
      return deleteObject(ctx, req, target);
    default:
      throw methodNotSupported(target);
  }
}

/** Whether a type is served now: deprecated versions by the control plane's version, engine CRDs by the engine. */
function servedBy(ctx: KubeContext, version: () => string): Served {
  return (t) =>
    ctx.deprecated.served(t, version()) && (t.engine === undefined || t.engine === ctx.engine());
}

/** The handler behind every resource route: resolve, authorize (RBAC), then act. */
function resourceHandler(ctx: KubeContext, version: () => string): Handler {
  return (req) =>
    answerErrors(() => {
      req.caller = effectiveCaller(ctx, req);
      const target = resolveTarget(req, servedBy(ctx, version));
      const verb = verbOf(req, target);
      const name = target.name ?? (verb === 'create' ? '' : undefined);
      const attrs = {
        user: req.caller.user,
        groups: req.caller.groups,
        verb,
        group: target.t.group,
        resource: target.t.resource,
        namespace: target.namespace ?? '',
        ...(target.subresource ? { subresource: target.subresource } : {}),
        ...(name ? { name } : {}),
      };
      if (!ctx.authz.allows(attrs)) throw forbidden(target.t, target.name, forbiddenReason(attrs));
      // Like kube-apiserver, only requests that pass authorization count as used.
      ctx.deprecated.record(target.t, target.subresource, verb);
      return dispatch(ctx, req, target, verb);
    });
}

/** Registers discovery and every resource route on the kube router. */
export function registerRoutes(router: Router, ctx: KubeContext, version: () => string): void {
  const on = (method: string, path: string, h: Handler): void => {
    router.on(method, path, nonResource(ctx, path, h));
  };
  registerDiscovery(on, version, servedBy(ctx, version));
  registerOpenApi(on);
  on('GET', '/metrics', () => ({
    status: 200,
    raw: ctx.deprecated.metricsText(),
    headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' },
  }));
  const h = resourceHandler(ctx, version);
  for (const prefix of ['/api/{version}', '/apis/{group}/{version}']) {
    const shapes: Array<[string, string[]]> = [
      ['/{resource}', ['GET', 'POST', 'DELETE']],
      ['/{resource}/{name}', ['GET', 'PUT', 'PATCH', 'DELETE']],
      ['/{resource}/{name}/{subresource}', ['GET', 'PUT', 'PATCH', 'POST']],
      ['/namespaces/{namespace}/{resource}', ['GET', 'POST', 'DELETE']],
      ['/namespaces/{namespace}/{resource}/{name}', ['GET', 'PUT', 'PATCH', 'DELETE']],
      ['/namespaces/{namespace}/{resource}/{name}/{subresource}', ['GET', 'PUT', 'PATCH', 'POST']],
    ];
    for (const [shape, methods] of shapes)
      for (const m of methods) router.on(m, `${prefix}${shape}`, h);
  }
}
