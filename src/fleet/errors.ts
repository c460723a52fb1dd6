import { isRestError } from '@azure/arm-containerservice';
import { armErrorKind, describeArmError } from '../azure/errors.js';
import { FaultError, KIND_ADVICE, WireRefusal, firstLine } from '../model/errors.js';

/**
 * A failure of a Resource Graph or Fleet Manager call as one line: what we were doing, Azure's own
 * words (its code and message), and what to do.
 */
export function fleetError(error: unknown, doing: string): FaultError {
  if (error instanceof FaultError) return error;
  if (error instanceof WireRefusal) return new FaultError('internal', `${doing}: ${error.message}`);
  // No answer from Azure (the network, a time limit): what could not be done, not the client's text.
  if (!(isRestError(error) && error.statusCode !== undefined))
    return describeArmError(error, undefined, doing);
  const kind = armErrorKind(error);
  const detail = (error.details as { error?: { code?: unknown; message?: unknown } } | undefined)
    ?.error;
  const code = typeof detail?.code === 'string' ? detail.code : (error.code ?? '');
  const message = typeof detail?.message === 'string' ? detail.message : error.message;
  const line = firstLine(message);
  const said = ` (${error.statusCode}${code ? ` ${code}` : ''}: ${line.length > 240 ? `${line.slice(0, 240)}…` : line})`;
  return new FaultError(kind, `Azure refused or failed to ${doing}${said}; ${KIND_ADVICE[kind]}`);
}
