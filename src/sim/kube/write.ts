import { randomUUID } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../contracts.js';
import type { SimRequest, SimResponse } from '../http.js';
import { kubeStatus } from '../server.js';
import { aggregateClusterRoles } from './aggregation.js';
import type { KubeContext } from './context.js';
import { randomSuffix } from './controllers.js';
import { PatchError, jsonPatch, mergePatch, strategicMergePatch } from './patch.js';
import { decodeMessage, str, unwrapUnknown } from './protobuf.js';
import { type Target, isDryRun, isProtobuf, objectBody } from './request.js';
import { R } from './resources.js';
import { UNSCHEDULABLE_TAINT } from './scheduler.js';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  successStatus,
} from './status.js';
import { type ResourceType, apiVersionOf, clone, isRecord, specOf, text, arr } from './types.js';
import { validateObject } from './validation.js';

/** Keeps the unschedulable taint in step with spec.unschedulable, as the node lifecycle controller does. */
export function syncUnschedulableTaint(node: KubeObject, nowIso: string): KubeObject {
  const spec = { ...specOf(node) };
  const taints = arr(spec['taints']).filter(
    (t) => !(isRecord(t) && t['key'] === UNSCHEDULABLE_TAINT.key),
  );
  if (spec['unschedulable'] === true) taints.push({ ...UNSCHEDULABLE_TAINT, timeAdded: nowIso });
  if (taints.length > 0) spec['taints'] = taints;
  else delete spec['taints'];
  return { ...node, spec };
}

/** Throws 404 if a namespaced write targets a missing namespace, 403 if it is terminating. */
function checkNamespace(
  ctx: KubeContext,
  t: ResourceType,
  ns: string | undefined,
  name: string,
): void {
  if (!t.namespaced || !ns) return;
  const nsObj = ctx.store.get(R.namespaces, undefined, ns);
  if (!nsObj) throw notFound(R.namespaces, ns);
  if (nsObj.metadata.deletionTimestamp) {
    const qualified = t.group ? `${t.resource}.${t.group}` : t.resource;
    throw new ApiError(
      kubeStatus(
        403,
        'Forbidden',
        `${qualified} "${name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
        {
          name,
          ...(t.group ? { group: t.group } : {}),
          kind: t.resource,
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${ns} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      ),
    );
  }
}

function asObject(t: ResourceType, body: Record<string, unknown>, target: Target): KubeObject {
  const meta = isRecord(body['metadata']) ? clone(body['metadata']) : {};
  if (body['kind'] !== undefined && body['kind'] !== t.kind) {
    throw badRequest(
      `the kind in the data (${text(body['kind'])}) does not match the expected kind (${t.kind})`,
    );
  }
  if (body['apiVersion'] !== undefined && body['apiVersion'] !== apiVersionOf(t)) {
    throw badRequest(
      `the API version in the data (${text(body['apiVersion'])}) does not match the expected API version (${apiVersionOf(t)})`,
    );
  }
  if (t.namespaced) {
    if (meta['namespace'] && target.namespace && meta['namespace'] !== target.namespace) {
      throw badRequest(
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    meta['namespace'] = target.namespace ?? meta['namespace'];
  }
  if (!meta['name'] && typeof meta['generateName'] === 'string' && meta['generateName']) {
    meta['name'] = `${meta['generateName']}${randomSuffix()}`;
  }
  const obj: KubeObject = {
    ...clone(body),
    apiVersion: apiVersionOf(t),
    kind: t.kind,
    metadata: { ...meta, name: text(meta['name'], '') },
  };
  for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp'] as const)
    delete obj.metadata[k];
  return obj;
}

function afterWrite(ctx: KubeContext, t: ResourceType): void {
  if (t === R.clusterroles) aggregateClusterRoles(ctx.store);
}

/** A dry-run answer: what would be stored, with a uid and timestamp but no resourceVersion. */
function dryRunObject(ctx: KubeContext, obj: KubeObject, old?: KubeObject): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      uid: old?.metadata.uid ?? randomUUID(),
      creationTimestamp: old?.metadata.creationTimestamp ?? ctx.clock.iso(),
      ...(old ? { resourceVersion: old.metadata.resourceVersion } : {}),
    },
  };
}

/** POST: create an object (pods are bound to a node and started). */
export function createObject(ctx: KubeContext, req: SimRequest, target: Target): SimResponse {
  const { t } = target;
  const body = objectBody(req);
  const dry = isDryRun(req);
  let obj = asObject(t, body, target);
  const errs = validateObject(t, obj);
  if (errs.length) throw invalid(t, obj.metadata.name, errs);
  checkNamespace(ctx, t, obj.metadata.namespace, obj.metadata.name);
  if (ctx.store.get(t, obj.metadata.namespace, obj.metadata.name))
    throw alreadyExists(t, obj.metadata.name);
  if (t === R.nodes) obj = syncUnschedulableTaint(obj, ctx.clock.iso());
  if (t === R.namespaces)
    obj = { ...obj, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
  if (t === R.namespaces)
    obj.metadata.labels = {
      ...obj.metadata.labels,
      'kubernetes.io/metadata.name': obj.metadata.name,
    };
  if (dry) {
    const prepared = t === R.pods ? ctx.pods.prepare(obj, false) : obj;
    return { status: 201, body: dryRunObject(ctx, prepared) };
  }
  const stored = t === R.pods ? ctx.pods.create(obj) : ctx.store.create(t, obj);
  afterWrite(ctx, t);
  return {
    status: 201,
    body: ctx.store.get(t, stored.metadata.namespace, stored.metadata.name) ?? stored,
  };
}

/** Stores a new version of an existing object after validation; shared by PUT and PATCH. */
function replace(
  ctx: KubeContext,
  target: Target,
  old: KubeObject,
  next: KubeObject,
  dry: boolean,
): SimResponse {
  const { t } = target;
  let obj: KubeObject = { ...next, apiVersion: apiVersionOf(t), kind: t.kind };
  obj.metadata = { ...obj.metadata, name: old.metadata.name };
  if (t.namespaced) obj.metadata.namespace = old.metadata.namespace;
  if (target.subresource === 'status') obj = { ...old, status: obj['status'] };
  const errs = validateObject(t, obj);
  if (
    (t === R.rolebindings || t === R.clusterrolebindings) &&
    JSON.stringify(old['roleRef']) !== JSON.stringify(obj['roleRef'])
  ) {
    errs.push({
      type: 'FieldValueInvalid',
      field: 'roleRef',
      value: JSON.stringify(obj['roleRef']),
      detail: 'cannot change roleRef',
    });
  }
  if (errs.length) throw invalid(t, old.metadata.name, errs);
  if (t === R.nodes) obj = syncUnschedulableTaint(obj, ctx.clock.iso());
  if (dry) return { status: 200, body: dryRunObject(ctx, obj, old) };
  const stored = ctx.store.update(t, obj);
  afterWrite(ctx, t);
  return {
    status: 200,
    body: ctx.store.get(t, stored.metadata.namespace, stored.metadata.name) ?? stored,
  };
}

/** PUT: replace an object (resourceVersion, when given, must match). */
export function updateObject(ctx: KubeContext, req: SimRequest, target: Target): SimResponse {
  const { t, name } = target;
  const body = objectBody(req);
  const old = ctx.store.get(t, target.namespace, name!);
  if (!old) throw notFound(t, name!);
  const obj = asObject(t, body, target);
  if (obj.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  const rv = isRecord(body['metadata']) ? body['metadata']['resourceVersion'] : undefined;
  if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) throw conflict(t, name);
  obj.metadata = { ...obj.metadata, uid: old.metadata.uid };
  return replace(ctx, target, old, obj, isDryRun(req));
}

/** PATCH: strategic merge, JSON merge, JSON patch, or apply (treated as a merge). */
export function patchObject(ctx: KubeContext, req: SimRequest, target: Target): SimResponse {
  const { t, name } = target;
  const type = text(req.headers['content-type'], '').split(';')[0]!.trim();
  let patch: unknown;
  try {
    patch =
      type === 'application/apply-patch+yaml'
        ? parseYaml(req.body.toString('utf8'))
        : JSON.parse(req.body.toString('utf8'));
  } catch (e) {
    throw badRequest(`error decoding patch: ${(e as Error).message}`);
  }
  const old = ctx.store.get(t, target.namespace, name!);
  if (!old) {
    if (type === 'application/apply-patch+yaml' && isRecord(patch)) {
      return createObject(
        ctx,
        { ...req, method: 'POST', body: Buffer.from(JSON.stringify(patch)) },
        target,
      );
    }
    throw notFound(t, name!);
  }
  let next: unknown;
  try {
    switch (type) {
      case 'application/strategic-merge-patch+json':
        next = strategicMergePatch(old, patch);
        break;
      case 'application/merge-patch+json':
      case 'application/apply-patch+yaml':
        next = mergePatch(old, patch);
        break;
      case 'application/json-patch+json':
        next = jsonPatch(old, patch);
        break;
      default:
        throw new ApiError(
          kubeStatus(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
          ),
        );
    }
  } catch (e) {
    if (e instanceof PatchError) throw new ApiError(kubeStatus(422, 'Invalid', e.message));
    throw e;
  }
  if (!isRecord(next) || !isRecord(next['metadata']))
    throw badRequest('patch produced an object without metadata');
  const obj = next as KubeObject;
  const rv = obj.metadata.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) throw conflict(t, name!);
  return replace(ctx, target, old, obj, isDryRun(req));
}

/** DeleteOptions from the query, a JSON body, or kubectl's protobuf body. */
function deleteOptions(req: SimRequest): { grace?: number; dryRun: boolean } {
  let body: Record<string, unknown> | undefined;
  if (isProtobuf(req)) {
    try {
      const u = unwrapUnknown(req.body);
      if (u) {
        const f = decodeMessage(u.raw);
        body = {};
        const g = f.get(1)?.[0];
        if (typeof g === 'number') body['gracePeriodSeconds'] = g;
        if (str(f, 5))
          body['dryRun'] = (f.get(5) ?? []).map((v) =>
            Buffer.isBuffer(v) ? v.toString('utf8') : '',
          );
      }
    } catch {
      body = undefined;
    }
  } else if (req.body.length > 0) {
    try {
      body = objectBody(req);
    } catch {
      body = undefined;
    }
  }
  const q = req.query.get('gracePeriodSeconds');
  const fromBody = body?.['gracePeriodSeconds'];
  const out: { grace?: number; dryRun: boolean } = { dryRun: isDryRun(req, body) };
  if (q !== null) out.grace = Number(q);
  else if (typeof fromBody === 'number') out.grace = fromBody;
  return out;
}

/** DELETE: pods terminate gracefully; namespaces take their content with them; others go at once. */
export function deleteObject(ctx: KubeContext, req: SimRequest, target: Target): SimResponse {
  const { t, name } = target;
  const ns = target.namespace;
  const opts = deleteOptions(req);
  const old = ctx.store.get(t, ns, name!);
  if (!old) throw notFound(t, name!);
  if (opts.dryRun)
    return t === R.pods || t === R.namespaces ? { status: 200, body: old } : deletedStatus(t, old);
  if (t === R.pods) {
    const after = ctx.pods.delete(ns ?? '', name!, opts.grace);
    return { status: 200, body: after ?? old };
  }
  if (t === R.namespaces) return deleteNamespace(ctx, old);
  ctx.store.remove(t, ns, name!);
  if (t === R.nodes) ctx.pods.dropPodsOnNode(name!);
  afterWrite(ctx, t);
  return deletedStatus(t, old);
}

function deletedStatus(t: ResourceType, old: KubeObject): SimResponse {
  return successStatus(200, {
    name: old.metadata.name,
    ...(t.group ? { group: t.group } : {}),
    kind: t.resource,
    uid: old.metadata.uid,
  });
}

function deleteNamespace(ctx: KubeContext, ns: KubeObject): SimResponse {
  const name = ns.metadata.name;
  const marked = ctx.store.update(R.namespaces, {
    ...ns,
    metadata: { ...ns.metadata, deletionTimestamp: ctx.clock.iso() },
    status: { phase: 'Terminating' },
  });
  ctx.clock.after(1000, () => {
    for (const t of [
      R.deployments,
      R.statefulsets,
      R.daemonsets,
      R.replicasets,
      R.pdbs,
      R.networkpolicies,
      R.roles,
      R.rolebindings,
      R.serviceaccounts,
      R.pods,
    ]) {
      for (const o of ctx.store.list(t, name)) ctx.store.remove(t, name, o.metadata.name);
    }
    ctx.store.remove(R.namespaces, undefined, name);
  });
  return { status: 200, body: marked };
}

/** POST pods/<name>/eviction: the Eviction API. */
export function evictionSubresource(
  ctx: KubeContext,
  req: SimRequest,
  target: Target,
): SimResponse {
  const body = objectBody(req);
  if (body['kind'] !== undefined && body['kind'] !== 'Eviction') {
    throw badRequest(`not a Eviction object: ${text(body['kind'])}`);
  }
  const meta = isRecord(body['metadata']) ? body['metadata'] : {};
  if (meta['name'] !== undefined && meta['name'] !== target.name) {
    throw badRequest('name in URL does not match name in Eviction object');
  }
  const del = isRecord(body['deleteOptions']) ? body['deleteOptions'] : {};
  const bodyDry = Array.isArray(del['dryRun']) && del['dryRun'].includes('All');
  const queryDry = isDryRun(req);
  if (req.query.has('dryRun') && bodyDry !== queryDry) {
    throw badRequest('The provided dryRun options do not match');
  }
  const grace =
    typeof del['gracePeriodSeconds'] === 'number' ? del['gracePeriodSeconds'] : undefined;
  checkNamespace(ctx, R.pods, target.namespace, target.name!);
  return ctx.evictor.evict(target.namespace ?? '', target.name!, {
    dryRun: queryDry || bodyDry,
    ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
  }).response;
}
