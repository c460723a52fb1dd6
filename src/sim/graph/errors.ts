import { randomUUID } from 'node:crypto';
import type { SimRequest, SimResponse } from '../http.js';

/** A Microsoft Graph error body: `{"error":{"code","message","innerError":{date, request-id}}}`. */
export function graphError(status: number, code: string, message: string): SimResponse {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'request-id': requestId },
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().slice(0, 19), 'request-id': requestId },
      },
    },
  };
}

/** 403 as Graph answers a token without the permission an endpoint needs. */
export function denied(): SimResponse {
  return graphError(
    403,
    'Authorization_RequestDenied',
    'Insufficient privileges to complete the operation.',
  );
}

/** Whether the caller sent `ConsistencyLevel: eventual` (needed for `$count` and `$search`). */
export function eventual(req: SimRequest): boolean {
  const value = req.headers['consistencylevel'];
  return (Array.isArray(value) ? value[0] : value)?.toLowerCase() === 'eventual';
}

/** 400 for `$count` asked without `ConsistencyLevel: eventual`, as Graph's advanced queries need. */
export function countNeedsEventual(): SimResponse {
  return graphError(
    400,
    'Request_BadRequest',
    'Count is not currently supported without the ConsistencyLevel header set to eventual.',
  );
}

/**
 * Whether `granted` covers one of `needed`: `X.ReadWrite.All` includes `X.Read.All`, and
 * `Directory.Read.All` reads users, groups, members and service principals.
 */
export function permitted(granted: readonly string[], needed: readonly string[]): boolean {
  const have = new Set(granted.map((p) => p.toLowerCase()));
  return needed.some(
    (p) => have.has(p.toLowerCase()) || have.has(p.toLowerCase().replace('.read.', '.readwrite.')),
  );
}
