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
  // While it is on screen, what it says follows the journal: a change that ends (or fails) while
  // the Summary is open is said as it ended, not left "still under way". Reads are coalesced:
  // records arriving during a read make one more read after it.
  follow: (s, signal) => {
    let reading = false;
    let again = false;
    const read = async (): Promise<void> => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          const lines = summaryLines(await s.ctx.journal.read());
          if (!signal.aborted && s.onScreen) s.ctx.show({ summary: lines });
        } while (again && !signal.aborted && s.onScreen);
      } catch {
        // A journal that cannot be read now is read again on the next record or open.
      } finally {
        reading = false;
      }
    };
    const stop = s.ctx.journal.onRecord?.(() => {
      if (s.onScreen && !signal.aborted) void read();
    });
    signal.addEventListener('abort', () => stop?.(), { once: true });
  },
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
