import { isRestError } from '@azure/arm-containerservice';
import { ApiException } from '@kubernetes/client-node';
import { armErrorKind, describeArmError } from '../azure/errors.js';
import { describeKubeError, kubeErrorKind } from '../kube/errors.js';
import type { ArmCoordinates } from '../model/arm.js';
import type { Connection } from '../model/connection.js';
import {
  KIND_ADVICE,
  UserError,
  firstLine,
  kindOf,
  messageOf,
  type ErrorKind,
} from '../model/errors.js';

/** Where a failure happened, as far as its line names it (a Connection is one). */
export type FailurePlace = Partial<Pick<Connection, 'kubeServer'>> & {
  arm?: { at: ArmCoordinates } | undefined;
};

/** A failure as the operator and the report see it: its kind and one line. */
export interface Failure {
  kind: ErrorKind;
  line: string;
}

/**
 * What a step's failure was: the kind the client boundary stamped on it (an error that crossed
 * no boundary is `internal`, a bug), and one line saying what happened and what to do, never an
 * HTTP dump. Never decided by the message's text.
 */
export function failureOf(
  error: unknown,
  connection?: FailurePlace,
  doing = 'finish this step',
): Failure {
  const kind = failureKind(error);
  if (error instanceof UserError) return { kind, line: firstLine(error.message) };
  // Without a connection (a journal line), the same words without the server or cluster names.
  if (isRestError(error)) {
    return { kind, line: describeArmError(error, connection?.arm?.at, doing).message };
  }
  if (error instanceof ApiException || kindOf(error) || kind !== 'internal') {
    return { kind, line: describeKubeError(error, connection?.kubeServer, doing).message };
  }
  return { kind, line: `${firstLine(messageOf(error))}; ${KIND_ADVICE[kind]}` };
}

/** The kind of a failure, as the boundary it came through stamped it. */
export function failureKind(error: unknown): ErrorKind {
  const stamped = kindOf(error);
  if (stamped) return stamped;
  if (isRestError(error)) return armErrorKind(error);
  return kubeErrorKind(error);
}

/**
 * Whether `error` is a client's failure (a server's answer, a socket, TLS, a credential) rather
 * than words already ours: such a failure is said through `failureOf`, never as its own message.
 */
export function isClientFailure(error: unknown): boolean {
  if (error instanceof UserError) return false;
  return isRestError(error) || error instanceof ApiException || failureKind(error) !== 'internal';
}
