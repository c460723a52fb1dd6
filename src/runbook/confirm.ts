import type { Journal } from './journal.js';
import type { SessionStore } from './session.js';
import { dryRunQuestion, type ConfirmationRequest } from '../model/session.js';

/**
 * Asks the operator to confirm a change and journals the question and the answer.
 * In read-only mode no change may happen, so nothing is asked and the answer is no. In dry-run
 * mode every change is asked all the same, with the same dialog, marked as a dry run (one rule
 * for every step, whichever way it asks).
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
  const asked = store.getState().mode.dryRun ? dryRunQuestion(request) : request;
  const yes = await store.ask(asked);
  // Throws when the answer cannot be journaled: the change does not go ahead unrecorded.
  await journal.confirmation(asked, yes);
  return yes;
}
