import { UserError, firstLine } from '../model/errors.js';
import type { Journal } from './journal.js';
import { reasonOf } from './journal-file.js';
import type { SessionStore } from './session.js';
import type { ResumeAnswer } from './resume.js';
import type { StepHost } from './step-host.js';
import { transcriptPathFor, writeTranscript } from './transcript-file.js';

/** The overview's session actions: the transcript on demand, and the answer to a resume offer. */
export function transcriptActions(
  store: SessionStore,
  journal: Journal,
  host: StepHost,
): {
  transcriptNow(): Promise<void>;
  answerResume(choice: ResumeAnswer): Promise<void>;
} {
  return {
    transcriptNow: async () => {
      try {
        // Awaiting a journal line waits for every earlier line too: the file is complete to here.
        await journal.note('summary', 'transcript requested');
        const path = await writeTranscript(journal.path);
        store.update({ notice: `Transcript written: ${path}` });
      } catch (error) {
        // Which file and why in words: the raw error names a temporary file and a bare code.
        const why =
          error instanceof UserError
            ? firstLine(error.message)
            : `${transcriptPathFor(journal.path)}: ${reasonOf(error)}; check the path, its permissions and free disk space`;
        store.update({ notice: `The transcript could not be written: ${why}` });
      }
    },
    answerResume: async (choice) => {
      const offer = store.getState().resume;
      if (!offer) return;
      await journal.note('connect', `interrupted session: operator chose ${choice.kind}`, {
        journal: offer.journalPath,
        ...(choice.kind === 'open' ? { step: choice.step } : {}),
      });
      if (choice.kind === 'details') return;
      store.update({ resume: undefined });
      if (choice.kind === 'open') await host.resume(choice.step, choice.intents);
    },
  };
}
