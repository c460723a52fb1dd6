import { isRestError } from '@azure/arm-containerservice';
import { kindOf } from '../model/errors.js';
import { armErrorKind } from './errors.js';

/** Poller states that are ARM's word on how the operation ended. */
const SETTLED = new Set(['succeeded', 'failed', 'canceled']);

/**
 * Whether a long-running ARM operation's failure left its outcome unknown: no answer of Azure
 * was heard about it (`accepted`: ARM had accepted the request); undefined when the failure is
 * Azure's own answer (or the request surely never left). Decided from the poller's state, the
 * error's class, its HTTP status and its kind, never from message text.
 *
 * Once ARM accepted the request, only a settled state read from ARM is an answer: a poll request
 * that failed (a RestError, or a failure stamped at our boundary) says nothing of the operation,
 * though the SDK's poller then marks its state failed too. Before, an HTTP status is an answer
 * (but a gateway's 504); a connection refused, reset or timed out may have reached Azure, a refused
 * certificate or credential, or a wire guard's refusal, never sent it.
 */
export function unheardOutcome(
  error: unknown,
  state: { status: string } | undefined,
): { accepted: boolean } | undefined {
  if (state !== undefined) {
    const answered = SETTLED.has(state.status) && !isRestError(error) && !kindOf(error);
    return answered ? undefined : { accepted: true };
  }
  // 504 GatewayTimeout is ARM's gateway giving up on the resource provider, which may have
  // applied the request all the same: no answer of the provider. Any other status is an answer.
  if (isRestError(error) && error.statusCode !== undefined)
    return error.statusCode === 504 ? { accepted: false } : undefined;
  const kind = armErrorKind(error);
  return kind === 'unreachable' || kind === 'timeout' ? { accepted: false } : undefined;
}
