// PATCH of a managed cluster (ManagedClusters_UpdateTags): only its tags change, at once, under the
// same preconditions as a PUT (If-Match, no operation running).
import { jsonBody, type SimRequest, type SimResponse } from '../http.js';
import { armError } from '../server.js';
import { refuse } from './guards.js';
import type { Provider } from './provider.js';
import { busyRefusal } from './rules.js';
import { newETag } from './state.js';
import { managedClusterWire } from './wire.js';

/** PATCH `{mc}` with `{"tags": {...}}`: 200 with the cluster carrying the new tags. */
export function patchClusterTags(req: SimRequest, provider: Provider): SimResponse {
  const c = provider.cluster;
  const ifMatch = req.headers['if-match'];
  if (typeof ifMatch === 'string' && ifMatch !== '*' && ifMatch.replace(/"/g, '') !== c.eTag) {
    return armError(
      412,
      'PreconditionFailed',
      `Operation failed: the eTag ${ifMatch} does not match the current eTag ${c.eTag} of the managed cluster.`,
    );
  }
  const body = jsonBody<{ tags?: unknown }>(req);
  const tags = body?.tags;
  const valid =
    typeof tags === 'object' &&
    tags !== null &&
    !Array.isArray(tags) &&
    Object.values(tags).every((v) => typeof v === 'string');
  if (!valid) {
    return armError(
      400,
      'InvalidRequestContent',
      'The request content was invalid and could not be deserialized: "tags" must be an object of strings.',
    );
  }
  const busy = provider.busy();
  if (busy) return refuse(busyRefusal(busy.what, busy.pool));
  c.tags = tags as Record<string, string>;
  c.eTag = newETag();
  return { status: 200, body: managedClusterWire(c) };
}
