import { isRestError } from '@azure/arm-containerservice';
import { ApiException } from '@kubernetes/client-node';
import { armErrorKind, describeArmError } from '../azure/errors.js';
import { describeKubeError, kubeErrorKind } from '../kube/errors.js';
import type { ArmCoordinates } from '../model/arm.js';
import type { Connection } from '../model/connection.js';
import { fileFailureWords } from '../model/file-reason.js';
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
  // A file the program could not use (a journal, a report): which file, why, and what to do.
  const file = fileFailureWords(error);
  if (file !== undefined && kind === 'local-io') {
    return { kind, line: `${file} while trying to ${doing}; ${KIND_ADVICE[kind]}` };
  }
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
  if (fileFailureWords(error) !== undefined) return 'local-io';
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

/**
 * Any failure that ends a command, as its one line (exit 2 unless ours says otherwise): ours as
 * it is; a client's or a file's in `failureOf`'s words; anything else is a bug, said as an
 * unexpected failure with what to do. Never a client's or Node's raw text alone.
 */
export function commandFailure(error: unknown, doing = 'finish the command'): UserError {
  if (error instanceof UserError) return error;
  const { kind, line } = failureOf(error, undefined, doing);
  return new UserError(kind === 'internal' ? `unexpected failure: ${line}` : line);
}
