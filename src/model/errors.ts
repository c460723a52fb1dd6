import { redactUrlPasswords } from './redact-url.js';

/**
 * An error the operator caused or can fix: printed as one line, never with a stack.
 * `exitCode` 2 means usage, connection or permission trouble (see the README).
 */
export class UserError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    // A server URL may carry a password (https://user:pass@host): never in a line we print.
    super(redactUrlPasswords(message));
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** The message of anything thrown, for a one-line report (URL passwords redacted). */
export function messageOf(error: unknown): string {
  return redactUrlPasswords(error instanceof Error ? error.message : String(error));
}

/** The first line of a message, trimmed: what a one-line report shows of it. */
export function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

/**
 * Ends a journaled mutation whose outcome is not known (the answer never came: the change may
 * have taken or not): the journal records `unknown`, never `failed` or `ok`.
 */
export class OutcomeUnknown extends Error {
  /** When known: whether Azure had accepted the request, and the failure's own one line. */
  readonly heard: { accepted: boolean; why: string } | undefined;

  constructor(message: string, heard?: { accepted: boolean; why: string }) {
    super(message);
    this.name = 'OutcomeUnknown';
    this.heard = heard;
  }
}

/**
 * A write this session stopped waiting for after it had left (the operator quit, the run's time
 * limit): the server goes on with what it received, so it may or may not take effect, even later.
 */
export class StoppedInFlight extends OutcomeUnknown {}

/**
 * What is known of a request whose answer never came, after its subject ("X was sent and
 * accepted"): Azure accepted it (so it was sent), or no answer came, which may also mean it never
 * left (a name that did not resolve, a connection never made), so "was sent" is not claimed.
 */
export function sentWords(accepted: boolean): string {
  return accepted ? 'was sent and accepted' : 'got no answer';
}

/** Why a change's outcome is unknown, in one clause: `why` is the failure's own one line. */
export function unheardWhy(accepted: boolean, why: string): string {
  return accepted
    ? `Azure accepted the request, then could not be heard: ${why}`
    : `no answer came to the request, so Azure may or may not have accepted it: ${why}`;
}

/**
 * A request the wire guard refused to send: a write in `--read-only`, or an ARM write in
 * `--dry-run`. Whatever a step does, such a request never leaves the process.
 */
export class WireRefusal extends Error {
  constructor(mode: 'read-only' | 'dry-run', method: string, path: string) {
    super(`${method} ${path} was not sent: --${mode} refuses it`);
    this.name = 'WireRefusal';
  }
}

/**
 * What kind of failure something was, decided once where it happened (the Kubernetes wire, the
 * ARM pipeline, a credential, the file system) and read everywhere else: findings, step
 * statuses, exit codes and messages never look at an error's text.
 */
export const ERROR_KINDS = [
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'throttled',
  'server-error',
  'timeout',
  'unreachable',
  'tls',
  'not-kubernetes',
  'not-aks',
  'local-io',
  'internal',
] as const;

/** One of `ERROR_KINDS`. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** What to do about each kind, in a few words (the second half of every one-line message). */
export const KIND_ADVICE: Record<ErrorKind, string> = {
  unauthenticated: 'sign in again or get fresh credentials (az login, az aks get-credentials)',
  forbidden: 'ask for read access to it; until then this part is unchecked',
  'not-found': 'check the names given (context, -g, -n, --subscription)',
  conflict: 'wait for the other change to finish, then run again',
  throttled: 'the server is rate-limiting requests; run again in a few minutes',
  'server-error': 'the server failed; run again later, or check the service health',
  timeout: 'check the network and the server, or raise the time limit (README "Time limits")',
  unreachable: 'check the address, the network, a VPN or a private cluster',
  tls: 'the certificate is not trusted; check the CA in the kubeconfig or the proxy',
  'not-kubernetes':
    'something else answered (a proxy or a sign-in page?); check the server address and proxy settings',
  'not-aks':
    'something else answered instead of Azure Resource Manager (a proxy or a sign-in page?); check the proxy settings',
  'local-io': 'check the path, its permissions and free disk space',
  internal: 'this is a bug in aks-runbook; please report it with the command you ran',
};

const KIND_MARK = Symbol.for('aks-runbook.errorKind');

/** Stamps `kind` on an error where it was classified (the error keeps its class and fields). */
export function stampKind<E>(error: E, kind: ErrorKind): E {
  if (typeof error === 'object' && error !== null && !(KIND_MARK in error)) {
    Object.defineProperty(error, KIND_MARK, { value: kind, enumerable: false });
  }
  return error;
}

/** The kind stamped on an error at the boundary it came through, if any. */
export function kindOf(error: unknown): ErrorKind | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const kind = (error as { [KIND_MARK]?: unknown })[KIND_MARK];
  return typeof kind === 'string' && (ERROR_KINDS as readonly string[]).includes(kind)
    ? (kind as ErrorKind)
    : undefined;
}

/**
 * Whether a write whose outcome is unknown may still take effect after a read showed it had not:
 * one that got no answer within its whole time limit, or that this session stopped waiting for,
 * may still be in the server's hands (the API server's own limit is longer), so "not in effect
 * yet" proves nothing about it.
 */
export function mayStillLand(error: unknown): boolean {
  if (error instanceof StoppedInFlight) return true;
  return error instanceof OutcomeUnknown && kindOf(error) === 'timeout';
}

/** A failure already said in one line for the operator, with its kind (exit code 2). */
export class FaultError extends UserError {
  readonly kind: ErrorKind;
  /** The HTTP status the server answered with, when one came. */
  readonly status: number | undefined;

  constructor(kind: ErrorKind, message: string, status?: number) {
    super(message, 2);
    this.name = 'FaultError';
    this.kind = kind;
    this.status = status;
    stampKind(this, kind);
  }
}
