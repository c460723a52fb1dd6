import { dirname } from 'node:path';
import type { StepId } from '../model/checklist.js';
import type { Journal } from './journal.js';
import { findInterruptedSession } from './journal-list.js';
import type { SessionIdentity } from '../report/journal-digest.js';
import type { InFlightChange } from '../model/journal.js';

/** What the operator chose in the resume dialog: open a step, look at details, or dismiss. */
export type ResumeAnswer =
  | { kind: 'open'; step: StepId; intents: InFlightChange[] }
  | { kind: 'details' }
  | { kind: 'dismiss' };

/** What the overview offers when the last session for this cluster died mid-change. */
export interface ResumeOffer {
  /** The earlier session's journal. */
  journalPath: string;
  startedAt?: string;
  intents: InFlightChange[];
  /** Lines of that journal that were not valid records (skipped, so the offer may be partial). */
  skippedRecords?: number;
}

/**
 * Looks for an earlier session on the same cluster that ended with changes in flight, and journals
 * in the new session that it was found. Undefined when there is nothing to resume.
 */
export async function detectResume(
  journal: Journal,
  identity: SessionIdentity,
): Promise<ResumeOffer | undefined> {
  const earlier = await findInterruptedSession(dirname(journal.path), identity, journal.path);
  if (!earlier) return undefined;
  const offer: ResumeOffer = {
    journalPath: earlier.path,
    intents: earlier.unsettled.map(({ intent: i, result }) => {
      const change: InFlightChange = {
        step: i.step,
        action: i.action,
        target: i.target,
        time: i.time,
      };
      if (i.detail) change.detail = i.detail;
      if (result?.outcome === 'unknown') change.outcomeUnknown = true;
      return change;
    }),
  };
  if (earlier.startedAt) offer.startedAt = earlier.startedAt;
  if (earlier.skipped > 0) offer.skippedRecords = earlier.skipped;
  await journal.note('connect', 'interrupted session found', {
    journal: offer.journalPath,
    intents: offer.intents,
  });
  return offer;
}
