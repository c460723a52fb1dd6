import { jsonBody, type Router, type SimRequest } from '../http.js';
import { graphError } from './errors.js';

/** Graph answers at most this many requests in one `$batch`. */
export const BATCH_MAX = 20;

interface BatchPart {
  id?: unknown;
  method?: unknown;
  url?: unknown;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * `POST /v1.0/$batch` (JSON batching): each part is answered by the same routes as a request of
 * its own, with the caller and permissions of the batch; responses carry the parts' ids.
 */
export function registerGraphBatch(router: Router): void {
  router.on('POST', '/v1.0/$batch', async (req) => {
    const requests = jsonBody<{ requests?: BatchPart[] }>(req)?.requests;
    if (!Array.isArray(requests) || requests.length === 0)
      return graphError(400, 'BadRequest', 'Invalid batch payload format.');
    if (requests.length > BATCH_MAX)
      return graphError(
        400,
        'BadRequest',
        `The number of requests in a batch is limited to ${BATCH_MAX}.`,
      );
    const responses = [];
    for (const part of requests) {
      const id = typeof part.id === 'string' ? part.id : '';
      const method = typeof part.method === 'string' ? part.method.toUpperCase() : 'GET';
      const url = new URL(
        `/v1.0/${(typeof part.url === 'string' ? part.url : '').replace(/^\/+/, '')}`,
        'https://127.0.0.1',
      );
      const headers = Object.fromEntries(
        Object.entries(part.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
      );
      const inner: SimRequest = {
        method,
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: Buffer.from(part.body === undefined ? '' : JSON.stringify(part.body)),
        caller: req.caller,
        params: {},
      };
      const found = router.match(method, url.pathname);
      let answer;
      if (!found || 'allowed' in found || url.pathname === '/v1.0/$batch') {
        answer = graphError(
          400,
          'BadRequest',
          `Resource not found for the segment '${url.pathname}'.`,
        );
      } else {
        inner.params = found.params;
        answer = await found.handler(inner);
      }
      const raw = answer.raw === undefined ? undefined : String(answer.raw);
      responses.push({
        id,
        status: answer.status,
        headers: {
          'content-type': raw === undefined ? 'application/json' : 'text/plain',
          ...answer.headers,
        },
        body: raw ?? answer.body,
      });
    }
    return { status: 200, body: { responses } };
  });
}
