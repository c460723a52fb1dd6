import type { Journal } from './journal.js';
import type { SessionStore } from './session.js';
import type { ConfirmationRequest } from '../model/session.js';

/**
 * Asks the operator to confirm a change and journals the question and the answer.
 * In read-only mode no change may happen, so nothing is asked and the answer is no.
 */
export async function confirmChange(
  store: SessionStore,
  journal: Journal,
  request: ConfirmationRequest,
): Promise<boolean> {
  if (store.getState().mode.readOnly) return false;
  const yes = await store.ask(request);
  await journal.confirmation(request, yes);
  return yes;
}
