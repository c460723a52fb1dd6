/** The pods/eviction subresource: request checks, then the Evictor. */
import type { SimRequest, SimResponse } from '../http.js';
import type { KubeContext } from './context.js';
import { type Target, isDryRun, objectBody } from './request.js';
import { R } from './resources.js';
import { badRequest } from './status.js';
import { isRecord, text } from './types.js';
import { checkNamespace } from './write-common.js';

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
