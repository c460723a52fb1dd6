import { isRestError } from '@azure/arm-containerservice';
import { ApiException } from '@kubernetes/client-node';
import { armErrorKind, describeArmError } from '../azure/errors.js';
import { describeKubeError, kubeErrorKind } from '../kube/errors.js';
import type { Connection } from '../model/connection.js';
import {
  KIND_ADVICE,
  UserError,
  firstLine,
  kindOf,
  messageOf,
  type ErrorKind,
} from '../model/errors.js';

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
  connection?: Connection,
  doing = 'finish this step',
): Failure {
  const kind = failureKind(error);
  if (error instanceof UserError) return { kind, line: firstLine(error.message) };
  if (isRestError(error) && connection?.arm) {
    return { kind, line: describeArmError(error, connection.arm.at, doing).message };
  }
  if (error instanceof ApiException || kindOf(error) || isRestError(error)) {
    const server = connection?.kubeServer ?? '(unknown server)';
    return { kind, line: describeKubeError(error, server, doing).message };
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
