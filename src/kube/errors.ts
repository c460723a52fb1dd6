import { ApiException } from '@kubernetes/client-node';
import {
  FaultError,
  OutcomeUnknown,
  KIND_ADVICE,
  kindOf,
  stampKind,
  type ErrorKind,
  firstLine,
} from '../model/errors.js';
import { redactUrlPasswords } from '../model/redact-url.js';

/**
 * The kind of a failure of the Kubernetes client, from what is structured about it: the HTTP
 * status of an API answer, the error code of a socket or TLS failure, or the stamp the wire put
 * on it. Never from the text of a message.
 */
export function kubeErrorKind(error: unknown): ErrorKind {
  const stamped = kindOf(error);
  if (stamped) return stamped;
  if (error instanceof ApiException) return statusKind(error.code);
  return transportKind(error) ?? 'internal';
}

/** The kind of an HTTP status from the API server. */
export function statusKind(status: number): ErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  // 410 Gone: the list moved on under the read (its continue token or resourceVersion expired).
  if (status === 409 || status === 410) return 'conflict';
  if (status === 429) return 'throttled';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server-error';
  return 'internal';
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  // An HTTP/2 request reset by the server (RST_STREAM): HTTP/1.1's dropped connection.
  'ERR_HTTP2_STREAM_ERROR',
]);
const TIMEOUT = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** The kind of a socket, DNS or TLS failure, from the error codes along its cause chain. */
export function transportKind(error: unknown): ErrorKind | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    const e = current as { code?: unknown; name?: unknown; cause?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    if (TIMEOUT.has(code) || e.name === 'TimeoutError') return 'timeout';
    if (UNREACHABLE.has(code)) return 'unreachable';
    if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code)) return 'tls';
    current = e.cause;
  }
  return undefined;
}

/** `error` with its kind stamped (a transport failure keeps its class; the kind rides along). */
export function stampedKube(error: unknown): unknown {
  return stampKind(error, kubeErrorKind(error));
}

/** Turns a Kubernetes API failure into one line: what happened, and what to do. */
export function describeKubeError(
  error: unknown,
  server: string | undefined,
  doing: string,
): FaultError {
  // A failure the wire already said in full (a credential plugin's timeout, an HTML answer).
  if (error instanceof FaultError) return error;
  // A write dropped after it was sent: its own line says so (never "cannot reach").
  if (error instanceof OutcomeUnknown)
    return new FaultError(kubeErrorKind(error), `${error.message} (while trying to ${doing})`);
  const kind = kubeErrorKind(error);
  // Without the server's address (a journal line, written far from the connection): "the API server".
  const at =
    server === undefined ? 'the API server' : `the API server at ${redactUrlPasswords(server)}`;
  const status = error instanceof ApiException ? error.code : undefined;
  const what: Record<ErrorKind, string> = {
    unauthenticated: `${at} did not accept your credentials (401)`,
    // The server's Status names the verb and resource RBAC refused: kept in the line.
    forbidden: `${at} refused (403): you are not allowed to ${doing}${serverWords(error)}`,
    'not-found': `${at} found no such object or API (${status ?? 404}${serverWords(error)})`,
    conflict: `${at} reported a conflict (409${serverWords(error)})`,
    throttled: `${at} kept throttling requests (429) after the retries`,
    'server-error': `${at} failed (${status ?? '5xx'})`,
    timeout: `${at} did not answer in time`,
    unreachable: `cannot reach ${at}${codeWords(error)}`,
    tls: `${at} presented a certificate the kubeconfig does not trust${codeWords(error)}`,
    'not-kubernetes': `something other than a Kubernetes API server answered${server === undefined ? '' : ` at ${redactUrlPasswords(server)}`}`,
    'not-aks': `something other than a Kubernetes API server answered${server === undefined ? '' : ` at ${redactUrlPasswords(server)}`}`,
    'local-io': `a local file could not be read`,
    internal: `${at} answered ${status ?? 'unexpectedly'}${serverWords(error)}`,
  };
  const while_ = kind === 'forbidden' ? '' : ` while trying to ${doing}`;
  if (status === 410) {
    return new FaultError(
      kind,
      `${at} answered 410 Gone while trying to ${doing}: the list changed faster than it could be read page by page (its continue token expired${serverWords(error)}); run again`,
    );
  }
  return new FaultError(kind, `${what[kind]}${while_}; ${KIND_ADVICE[kind]}`);
}

/** `: <message>` of the API server's Status answer, one short line; empty when there is none. */
function serverWords(error: unknown): string {
  if (!(error instanceof ApiException)) return '';
  let body: unknown = error.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      return '';
    }
  }
  const message = (body as { message?: unknown } | undefined)?.message;
  if (typeof message !== 'string' || message.trim() === '') return '';
  const line = firstLine(message);
  return `: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`;
}

/** ` (ECONNREFUSED)`: the socket or TLS error code along the cause chain, if there is one. */
export function codeWords(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    const e = current as { code?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(e.code)) return ` (${e.code})`;
    current = e.cause;
  }
  return '';
}
