import { defineStep } from '../lifecycle/define.js';
import { summaryLines } from './lines.js';

/**
 * The last step: the session so far, read back from the journal (so it says what was recorded,
 * not what the screens remember), and the Markdown transcript one key away. It changes nothing
 * on the cluster, so its one action is offered in read-only mode too.
 */
export const summaryStep = defineStep({
  id: 'summary',
  // Every opening reads the journal again: the session moves on between visits.
  lookOnEveryOpen: true,
  look: async (ctx) => ({
    facts: undefined,
    findings: [],
    summary: summaryLines(await ctx.journal.read()),
  }),
  initial: undefined,
  actions: () => [
    {
      key: 't',
      label: 'Write the Markdown transcript next to the journal',
      local: true,
      run: async (s) => {
        s.ctx.show({ result: [`Transcript written: ${await s.ctx.journal.writeTranscript()}`] });
      },
    },
  ],
});
