import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { SimResponse } from './http.js';

/**
 * The headers ARM puts on every answer: a request id of its own, the caller's correlation id (or a
 * new one), and the routing id naming region, time and request.
 */
export function withArmHeaders(r: SimResponse, request: IncomingMessage['headers']): SimResponse {
  const id = randomUUID();
  const given = request['x-ms-correlation-request-id'];
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  const body = r.body as { eTag?: unknown } | undefined;
  const eTag: Record<string, string> =
    typeof body?.eTag === 'string' ? { etag: `"${body.eTag}"` } : {};
  return {
    ...r,
    headers: {
      ...eTag,
      'x-ms-request-id': id,
      'x-ms-correlation-request-id': typeof given === 'string' && given ? given : randomUUID(),
      'x-ms-routing-request-id': `WESTEUROPE:${stamp}:${id}`,
      'cache-control': 'no-cache',
      ...r.headers,
    },
  };
}
