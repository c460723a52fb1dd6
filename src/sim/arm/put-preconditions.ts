import { jsonBody, type SimRequest, type SimResponse } from '../http.js';
import { armError } from '../server.js';
import { refuse } from './guards.js';
import type { Provider } from './provider.js';
import { busyRefusal } from './rules.js';

/**
 * What every PUT of the resource provider checks first, in AKS's order: the If-Match eTag, a body
 * with `properties`, and no other operation running. Gives the body, or the refusal to send.
 */
export function putPreconditions<B extends { properties?: unknown }>(
  req: SimRequest,
  provider: Provider,
  current: { eTag: string; what: string },
): { body: B & { properties: NonNullable<B['properties']> } } | { refused: SimResponse } {
  const ifMatch = req.headers['if-match'];
  if (
    typeof ifMatch === 'string' &&
    ifMatch !== '*' &&
    ifMatch.replace(/"/g, '') !== current.eTag
  ) {
    return {
      refused: armError(
        412,
        'PreconditionFailed',
        `Operation failed: the eTag ${ifMatch} does not match the current eTag ${current.eTag} of ${current.what}.`,
      ),
    };
  }
  const body = jsonBody<B>(req);
  if (!body?.properties) {
    return {
      refused: armError(
        400,
        'InvalidRequestContent',
        'The request content was invalid and could not be deserialized.',
      ),
    };
  }
  const busy = provider.busy();
  if (busy) return { refused: refuse(busyRefusal(busy.what, busy.pool)) };
  return { body: body as B & { properties: NonNullable<B['properties']> } };
}
