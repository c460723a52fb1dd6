import { armErrorKind } from '../azure/errors.js';
import { KIND_ADVICE, firstLine, type ErrorKind } from '../model/errors.js';
import { GraphRefusal } from './batch.js';

/**
 * Why Microsoft Graph could not be read, in one line of the shared words: what happened (Graph's
 * own code and words when it answered), then what to do. Never the client's text ("connect
 * ECONNREFUSED 127.0.0.1:…"). The kind comes from the status or the socket/TLS code, never text.
 */
export function graphFailureLine(error: unknown): string {
  if (error instanceof GraphRefusal) {
    const kind = statusKind(error.status);
    const said = firstLine(error.message);
    return `Microsoft Graph answered ${error.status}${said ? ` (${said.length > 200 ? `${said.slice(0, 200)}…` : said})` : ''}; ${KIND_ADVICE[kind]}`;
  }
  const kind = armErrorKind(error);
  const what: Partial<Record<ErrorKind, string>> = {
    unauthenticated: 'no token for Microsoft Graph could be had',
    timeout: 'Microsoft Graph did not answer in time',
    unreachable: `cannot reach Microsoft Graph${codeWords(error)}`,
    tls: 'Microsoft Graph presented a certificate that is not trusted',
    throttled: 'Microsoft Graph kept throttling requests (429) after the retries',
    'server-error': 'Microsoft Graph failed',
  };
  return `${what[kind] ?? 'Microsoft Graph could not be read'}; ${KIND_ADVICE[kind]}`;
}

function statusKind(status: number): ErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'throttled';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server-error';
  return 'internal';
}

/** ` (ECONNREFUSED)`: the socket code of a transport failure, if it has one. */
function codeWords(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? ` (${code})` : '';
}
