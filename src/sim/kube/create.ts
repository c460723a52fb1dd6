/** POST of a new object. */
import type { SimRequest, SimResponse } from '../http.js';
import type { KubeContext } from './context.js';
import { type Target, isDryRun, objectBody } from './request.js';
import { R } from './resources.js';
import { alreadyExists, invalid } from './status.js';
import { admit } from './admission.js';
import { validateFields, warningHeader } from './field-validation.js';
import type { KubeObject } from '../contracts.js';
import { syncUnschedulableTaint } from './node-taint.js';
import { checkNamespace, asObject, afterWrite, dryRunObject } from './write-common.js';
import { recordUpdate } from './apply/managed-fields.js';
import { writerOf } from './apply/writer.js';

/**
 * POST: create an object (pods are bound to a node and started). `applied`: the body is the result
 * of a server-side apply and carries its managedFields; otherwise the creator owns what it set.
 */
export function createObject(
  ctx: KubeContext,
  req: SimRequest,
  target: Target,
  applied = false,
): SimResponse {
  const { t } = target;
  const body = objectBody(req);
  const warnings = validateFields(req, t, body as KubeObject);
  const dry = isDryRun(req);
  const admitted = admit(t, asObject(t, body, target));
  let obj = admitted.object;
  if (admitted.errors.length) throw invalid(t, obj.metadata.name, admitted.errors);
  if (!applied) {
    const { managedFields: _ignored, ...metadata } = obj.metadata;
    obj = recordUpdate(t, undefined, { ...obj, metadata }, writerOf(req, t, ctx.clock.iso()));
  }
  checkNamespace(ctx, t, obj.metadata.namespace, obj.metadata.name);
  if (ctx.store.get(t, obj.metadata.namespace, obj.metadata.name))
    throw alreadyExists(t, obj.metadata.name);
  if (t === R.nodes && !dry)
    obj = ctx.pods.ipam.assign(syncUnschedulableTaint(obj, ctx.clock.iso()));
  else if (t === R.nodes) obj = syncUnschedulableTaint(obj, ctx.clock.iso());
  if (t === R.namespaces)
    obj = { ...obj, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
  if (dry) {
    const prepared = t === R.pods ? ctx.pods.prepare(obj, false) : obj;
    return { status: 201, headers: warningHeader(warnings), body: dryRunObject(ctx, prepared) };
  }
  const stored = t === R.pods ? ctx.pods.create(obj) : ctx.store.create(t, obj);
  afterWrite(ctx, t);
  return {
    status: 201,
    headers: warningHeader(warnings),
    body: ctx.store.get(t, stored.metadata.namespace, stored.metadata.name) ?? stored,
  };
}
