import { STATUS_CODES } from 'node:http';

/**
 * Whether a failed request's HTTP `status` is final for a request that is repeated (a watch, a
 * follow loop). Retrying helps only where the server or the way to it may recover: 408, 429 and
 * 5xx. Any other 4xx is the server's answer about this caller or this request (401 bad or
 * expired credentials, 403 no right, 404 not there or not served, 400, 405, 422...): the same
 * request gets the same answer, so repeating it forever would only hide it.
 */
export function answerFinal(status: number): boolean {
  if (status === 408 || status === 429) return false;
  return status >= 400 && status < 500;
}

/** An HTTP status in a few words: `403 Forbidden`. */
export function statusWords(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? 'answer'}`;
}
