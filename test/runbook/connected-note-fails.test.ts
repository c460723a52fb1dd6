// The "connected" note is the journal's first line after the session's own. When it cannot be
// written (a full disk), the session stops there: it says so in one line, and no step is looked
// at, so nothing goes on reading the cluster behind a session that reported failure, and the
// connect step's "unavailable" is not later overwritten by its own look's "ok".
import { describe, expect, it } from 'vitest';
import { openForAppend, type OpenJournalFile } from '../../src/runbook/journal-file.js';
import { SessionStore } from '../../src/runbook/session.js';
import { startSession } from '../../src/runbook/start-session.js';
import { tempDir } from '../helpers/temp-dir.js';
import { simTarget } from '../reliability/cli-harness.js';

/** The real file system for the session line; every later line fails as on a full disk. */
const fullAfterSessionLine: OpenJournalFile = async (path) => {
  const file = await openForAppend(path);
  let lines = 0;
  return {
    ...file,
    appendFile: async (text) => {
      if (lines++ >= 1) {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
          code: 'ENOSPC',
        });
      }
      await file.appendFile(text);
    },
  };
};

describe('a "connected" note that cannot be journaled', () => {
  it('fails the session in one line before any step is looked at', async () => {
    const target = await simTarget({ scenario: 'minimal' });
    try {
      const state = tempDir('connected-note-');
      const store = new SessionStore({ readOnly: false, dryRun: false, demo: false });
      const initial = store.getState().steps;
      const running = await startSession(
        { cloud: 'AzureCloud', demo: false, simConnection: target.file },
        store,
        { XDG_STATE_HOME: state, HOME: state },
        undefined,
        fullAfterSessionLine,
      );
      const { connection, steps, journalFailure } = store.getState();
      expect(connection.phase).toBe('failed');
      expect(connection.phase === 'failed' && connection.message).toMatch(
        /could not be written \(the disk is full, ENOSPC\)/,
      );
      expect(journalFailure).toMatch(/could not be written/);
      expect(running.host).toBeUndefined();
      // No look began: every step but connect is as before the session.
      const { connect, ...others } = steps;
      const { connect: _c, ...othersBefore } = initial;
      expect(others).toEqual(othersBefore);
      expect(connect.kind).toBe('unavailable');
      await running.stop();
      expect(store.getState().steps.connect.kind).toBe('unavailable');
    } finally {
      await target.sim.close();
    }
  }, 60_000);
});
