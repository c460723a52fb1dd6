/** PUT and PATCH of an existing object. */
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../contracts.js';
import type { SimRequest, SimResponse } from '../http.js';
import { kubeStatus } from '../server.js';
import type { KubeContext } from './context.js';
import { PatchError, jsonPatch, mergePatch, strategicMergePatch } from './patch.js';
import { type Target, isDryRun, objectBody } from './request.js';
import { R } from './resources.js';
import { ApiError, badRequest, conflict, invalid, notFound, preconditionFailed } from './status.js';
import { apiVersionOf, isRecord, text, withoutNulls } from './types.js';
import { admit } from './admission.js';
import { syncUnschedulableTaint } from './node-taint.js';
import { asObject, afterWrite, dryRunObject } from './write-common.js';
import { createObject } from './create.js';
import { validateFields, warningHeader } from './field-validation.js';
import { applyConfig, recordUpdate } from './apply/managed-fields.js';
import { writerOf } from './apply/writer.js';
import type { Writer } from './apply/managed-fields.js';

/**
 * Stores a new version of an existing object after validation; shared by PUT and PATCH. `writer`
 * becomes the owner of what it changed; without one (an apply) `next` carries its owners already.
 */
function replace(
  ctx: KubeContext,
  target: Target,
  old: KubeObject,
  next: KubeObject,
  dry: boolean,
  writer?: Writer,
): SimResponse {
  const { t } = target;
  let obj: KubeObject = { ...next, apiVersion: apiVersionOf(t), kind: t.kind };
  obj.metadata = { ...obj.metadata, name: old.metadata.name };
  if (t.namespaced) obj.metadata.namespace = old.metadata.namespace;
  if (target.subresource === 'status') obj = { ...old, status: obj['status'] };
  const admitted = admit(t, obj, old);
  obj = admitted.object;
  const errs = admitted.errors;
  if (errs.length) throw invalid(t, old.metadata.name, errs);
  if (writer) obj = recordUpdate(t, old, obj, writer);
  if (t === R.nodes) obj = syncUnschedulableTaint(obj, ctx.clock.iso());
  if (dry) return { status: 200, body: dryRunObject(ctx, obj, old) };
  const stored = ctx.store.update(t, obj);
  const finalizers = stored.metadata['finalizers'];
  if (
    stored.metadata.deletionTimestamp &&
    t !== R.pods &&
    !(Array.isArray(finalizers) && finalizers.length)
  ) {
    // The last finalizer is gone: the object marked for deletion goes now.
    ctx.store.remove(t, stored.metadata.namespace, stored.metadata.name);
    return { status: 200, body: stored };
  }
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
  const warnings = validateFields(req, t, body as KubeObject);
  const old = ctx.store.get(t, target.namespace, name!);
  if (!old) throw notFound(t, name!);
  const obj = asObject(t, body, target);
  if (obj.metadata.name !== name) {
    throw badRequest(
      `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  const meta = isRecord(body['metadata']) ? body['metadata'] : {};
  // A uid in the body is a precondition (the registry's defaultUpdatedObjectInfo.Preconditions).
  const uid = text(meta['uid'], '');
  if (uid !== '' && uid !== old.metadata.uid)
    throw preconditionFailed(t, name, 'UID', uid, text(old.metadata.uid, ''));
  const rv = meta['resourceVersion'];
  if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion) throw conflict(t, name);
  obj.metadata = { ...obj.metadata, uid: old.metadata.uid };
  const writer = writerOf(req, t, ctx.clock.iso(), target.subresource);
  return withWarnings(replace(ctx, target, old, obj, isDryRun(req), writer), warnings);
}

/** PATCH: strategic merge, JSON merge, JSON patch, or server-side apply. */
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
  const writer = writerOf(req, t, ctx.clock.iso(), target.subresource);
  const old = ctx.store.get(t, target.namespace, name!);
  const apply = type === 'application/apply-patch+yaml';
  if (apply) {
    if (!isRecord(patch)) throw badRequest('the applied configuration is not an object');
    // Kind, version and namespace as on a create; the name must be the URL's.
    const named = asObject(t, patch, target).metadata.name;
    if (named && named !== name)
      throw badRequest(
        `the name of the object (${named}) does not match the name on the URL (${name!})`,
      );
    const force = req.query.get('force') === 'true';
    const result = applyConfig(t, old, patch, writer, force);
    if (!old) {
      const body = Buffer.from(JSON.stringify(result));
      return createObject(ctx, { ...req, method: 'POST', body }, target, true);
    }
    const obj = withoutNulls(result);
    const warnings = validateFields(req, t, patch as KubeObject);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(t, name!);
    return withWarnings(replace(ctx, target, old, obj, isDryRun(req)), warnings);
  }
  if (!old) throw notFound(t, name!);
  let next: unknown;
  try {
    switch (type) {
      case 'application/strategic-merge-patch+json':
        next = strategicMergePatch(old, patch);
        break;
      case 'application/merge-patch+json':
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
  const obj = withoutNulls(next) as KubeObject;
  const warnings = validateFields(req, t, obj);
  const rv = obj.metadata.resourceVersion;
  if (rv && rv !== old.metadata.resourceVersion) throw conflict(t, name!);
  return withWarnings(replace(ctx, target, old, obj, isDryRun(req), writer), warnings);
}

function withWarnings(r: SimResponse, warnings: string[]): SimResponse {
  return warnings.length ? { ...r, headers: { ...r.headers, ...warningHeader(warnings) } } : r;
}
