import { isRestError } from '@azure/arm-containerservice';
import { FaultError, KIND_ADVICE, kindOf, type ErrorKind, firstLine } from '../model/errors.js';
import type { ArmCoordinates } from '../model/arm.js';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/**
 * The kind of an ARM or sign-in failure, from what is structured about it: the stamp the client's
 * pipeline put on it, the HTTP status, or the socket or TLS error code. Never from message text.
 */
export function armErrorKind(error: unknown): ErrorKind {
  const stamped = kindOf(error);
  if (stamped) return stamped;
  if (isRestError(error)) {
    const status = error.statusCode;
    if (status === undefined) return codeKind(error.code) ?? 'unreachable';
    if (status === 401) return 'unauthenticated';
    if (status === 403) return 'forbidden';
    if (status === 404) return 'not-found';
    if (status === 409) return 'conflict';
    if (status === 429) return 'throttled';
    if (status === 408 || status === 504) return 'timeout';
    if (status >= 500) return 'server-error';
    return 'internal';
  }
  if (error instanceof Error && /Credential|AuthenticationRequired/.test(error.name)) {
    return 'unauthenticated';
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  return codeKind(typeof code === 'string' ? code : undefined) ?? 'internal';
}

function codeKind(code: string | undefined): ErrorKind | undefined {
  if (!code) return undefined;
  if (code === 'ETIMEDOUT') return 'timeout';
  if (UNREACHABLE.has(code)) return 'unreachable';
  if (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/.test(code)) return 'tls';
  return undefined;
}

/** Turns an ARM or sign-in failure into one line: what happened, and what to do. */
export function describeArmError(
  error: unknown,
  at: ArmCoordinates | undefined,
  doing: string,
): FaultError {
  if (error instanceof FaultError) return error;
  const kind = armErrorKind(error);
  // Without coordinates (a journal line, written far from the connection) the words still hold.
  const cluster = at
    ? `cluster "${at.name}" in resource group "${at.resourceGroup}" (subscription ${at.subscriptionId})`
    : 'the cluster';
  const code = isRestError(error) ? (armCode(error.details) ?? error.code ?? '') : '';
  const status = isRestError(error) ? error.statusCode : undefined;
  // 412: the If-Match eTag no longer matched, so ARM refused the PUT before changing anything;
  // 409 EtagMismatch: AKS's own word for the same (another writer changed it meanwhile). Not
  // "wait for the other change": it is done, and redoing this one on the old read would undo it.
  if (status === 412 || (status === 409 && code === 'EtagMismatch')) {
    return new FaultError(
      'conflict',
      `Azure refused the change (${status} ${code || 'PreconditionFailed'}): ${cluster} was changed by someone else after it was read, so nothing was changed; look again and redo the change on what it is now`,
      status,
    );
  }
  const below = kind === 'not-found' ? belowCluster(error) : undefined;
  if (below) {
    return new FaultError(
      kind,
      `Azure found no ${below} of ${cluster} (404${code ? ` ${code}` : ''}) while trying to ${doing}${armWords(error)}; the cluster itself is there: if the pool was just deleted or renamed, run again`,
      status,
    );
  }
  if (kind === 'not-found') {
    return new FaultError(
      kind,
      !at
        ? `Azure found no such resource (404) while trying to ${doing}${armWords(error)}; ${KIND_ADVICE[kind]}`
        : code === 'ResourceGroupNotFound'
          ? `resource group "${at.resourceGroup}" not found in subscription ${at.subscriptionId}; check -g and --subscription`
          : `no AKS ${cluster} was found; check -g, -n and --subscription`,
      status,
    );
  }
  const what: Record<ErrorKind, string> = {
    unauthenticated: `Azure refused your sign-in (401)`,
    forbidden: `Azure refused (403): you are not allowed to ${doing} for ${cluster}`,
    'not-found': '',
    conflict: `Azure reported a conflict (409${code ? ` ${code}` : ''})`,
    throttled: `Azure Resource Manager kept throttling requests (429) after the retries`,
    'server-error': `Azure Resource Manager failed (${status ?? '5xx'}${code ? ` ${code}` : ''})`,
    timeout: `Azure Resource Manager did not answer in time`,
    unreachable: `cannot reach Azure Resource Manager`,
    tls: `Azure Resource Manager presented a certificate that is not trusted`,
    'not-kubernetes': `something other than Azure Resource Manager answered`,
    'not-aks': `something other than Azure Resource Manager answered`,
    'local-io': `a local file could not be read`,
    internal: `Azure Resource Manager answered ${status ?? 'unexpectedly'}${code ? ` ${code}` : ''}`,
  };
  const while_ = kind === 'forbidden' ? '' : ` while trying to ${doing}`;
  // ARM's own words say which action was refused or what conflicted: kept, on one short line.
  const said = ['forbidden', 'conflict', 'internal'].includes(kind) ? armWords(error) : '';
  return new FaultError(kind, `${what[kind]}${while_}${said}; ${KIND_ADVICE[kind]}`, status);
}

/**
 * The HTTP status ARM answered a failed request with (an SDK error, or one `describeArmError`
 * put in words); undefined when no answer came (network, TLS, time limit).
 */
export function armStatusOf(error: unknown): number | undefined {
  if (error instanceof FaultError) return error.status;
  return isRestError(error) ? error.statusCode : undefined;
}

/**
 * What below the managed cluster a request that ARM answered 404 was for (`pool "win"`, or the
 * path below the cluster), from the request's URL; undefined when it was for the cluster itself.
 */
function belowCluster(error: unknown): string | undefined {
  const url = isRestError(error) ? error.request?.url : undefined;
  if (!url) return undefined;
  const path = new URL(url, 'https://x').pathname;
  const rest = /\/managedClusters\/[^/]+\/(.+)$/i.exec(path)?.[1];
  if (!rest) return undefined;
  const pool = /^agentPools\/([^/]+)/i.exec(rest)?.[1];
  return pool ? `pool "${pool}" (${rest})` : rest;
}

function armWords(error: unknown): string {
  if (!isRestError(error)) return '';
  const message = (error.details as { error?: { message?: unknown } } | undefined)?.error?.message;
  const text = typeof message === 'string' ? message : error.message;
  const line = firstLine(text);
  if (!line) return '';
  return ` (${line.length > 200 ? `${line.slice(0, 200)}…` : line})`;
}

function armCode(details: unknown): string | undefined {
  const code = (details as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}
