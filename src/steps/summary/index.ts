import type { StepModule } from '../contract/module.js';
import { summaryLines } from './lines.js';

const TRANSCRIPT_KEY = 't';

/**
 * The last step: the session so far, read back from the journal (so it says what was recorded,
 * not what the screens remember), and the Markdown transcript one key away. It changes nothing
 * on the cluster, so it is offered in read-only mode too.
 */
export const summaryStep: StepModule = {
  id: 'summary',
  controller: (ctx) => ({
    // Every opening reads the journal again: the session moves on between visits.
    open: async () => {
      ctx.status({ kind: 'running' });
      ctx.show({
        summary: summaryLines(await ctx.journal.read()),
        actions: [
          { key: TRANSCRIPT_KEY, label: 'Write the Markdown transcript next to the journal' },
        ],
      });
      ctx.status({ kind: 'ok' });
    },
    send: async (event) => {
      if (event.type !== 'action' || event.key !== TRANSCRIPT_KEY) return;
      ctx.show({ result: [`Transcript written: ${await ctx.journal.writeTranscript()}`] });
    },
  }),
};
