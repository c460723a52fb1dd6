import type { Journal } from './journal.js';
import type { SessionStore } from './session.js';
import type { ConfirmationRequest } from '../model/session.js';

/**
 * Asks the operator to confirm a change and journals the question and the answer.
 * In read-only mode no change may happen, so nothing is asked and the answer is no.
 * When the journal cannot be written, nothing is asked and the failure is thrown.
 */
export async function confirmChange(
  store: SessionStore,
  journal: Journal,
  request: ConfirmationRequest,
): Promise<boolean> {
  if (store.getState().mode.readOnly) return false;
  // A journal that cannot be written stops every change: do not even ask.
  if (journal.failure) throw journal.failure;
  const yes = await store.ask(request);
  // Throws when the answer cannot be journaled: the change does not go ahead unrecorded.
  await journal.confirmation(request, yes);
  return yes;
}
