import type { KubeObject } from '../contracts.js';
import type { SimRequest, SimResponse } from '../http.js';
import type { KubeContext } from './context.js';
import { jsonPatch, mergePatch } from './patch.js';
import { methodNotSupported } from './read.js';
import { type Target, isDryRun, objectBody } from './request.js';
import { fromSelectorObject } from './selectors.js';
import { badRequest, conflict, invalid, notFound } from './status.js';
import { recordUpdate } from './apply/managed-fields.js';
import { writerOf } from './apply/writer.js';
import { pathGet, specOf, statusOf } from './types.js';

/** The selector as the Scale status string (`app=web`), what `kubectl scale` and HPAs read. */
function selectorText(obj: KubeObject): string {
  const sel = fromSelectorObject(specOf(obj)['selector']) ?? [];
  return sel
    .map((r) => {
      if (r.op === '=' || r.op === '!=') return `${r.key}${r.op}${r.value}`;
      if (r.op === 'in' || r.op === 'notin') return `${r.key} ${r.op} (${r.values.join(',')})`;
      return r.op === '!' ? `!${r.key}` : r.key;
    })
    .join(',');
}

function toScale(obj: KubeObject): KubeObject {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = obj.metadata;
  const replicas = specOf(obj)['replicas'];
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    spec: { replicas: typeof replicas === 'number' ? replicas : 1 },
    status: { replicas: statusOf(obj)['replicas'] ?? 0, selector: selectorText(obj) },
  };
}

/** GET/PUT/PATCH of `<workload>/scale`: reads and sets spec.replicas (`kubectl scale`). */
export function scaleSubresource(
  ctx: KubeContext,
  req: SimRequest,
  target: Target,
  verb: string,
): SimResponse {
  const { t, namespace, name } = target;
  const obj = ctx.store.get(t, namespace, name!);
  if (!obj) throw notFound(t, name!);
  const scale = toScale(obj);
  if (verb === 'get') return { status: 200, body: scale };
  let next: unknown;
  if (verb === 'update') {
    next = objectBody(req);
  } else if (verb === 'patch') {
    let patch: unknown;
    try {
      patch = JSON.parse(req.body.toString('utf8'));
    } catch (e) {
      throw badRequest(`error decoding patch: ${(e as Error).message}`);
    }
    const type = String(req.headers['content-type'] ?? '');
    next = type.includes('json-patch') ? jsonPatch(scale, patch) : mergePatch(scale, patch);
  } else {
    throw methodNotSupported(target);
  }
  const rv = pathGet(next, ['metadata', 'resourceVersion']);
  if (verb === 'update' && rv && rv !== obj.metadata.resourceVersion) throw conflict(t, name!);
  const replicas = pathGet(next, ['spec', 'replicas']);
  if (typeof replicas !== 'number' || replicas < 0 || !Number.isInteger(replicas)) {
    throw invalid(t, name!, [
      {
        type: 'FieldValueInvalid',
        field: 'spec.replicas',
        value: replicas,
        detail: 'must be greater than or equal to 0',
      },
    ]);
  }
  // The writer owns spec.replicas through the scale subresource, as managedFields record it.
  const writer = writerOf(req, t, ctx.clock.iso(), 'scale');
  const updated = recordUpdate(t, obj, { ...obj, spec: { ...specOf(obj), replicas } }, writer);
  if (isDryRun(req)) return { status: 200, body: toScale(updated) };
  const stored = ctx.store.update(t, updated);
  return { status: 200, body: toScale(stored) };
}
