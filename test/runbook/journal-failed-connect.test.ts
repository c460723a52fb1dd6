// The journal opens while connect's first Kubernetes reads are in flight (it needs only the
// cluster's name); when those reads then fail, the session never began and leaves no journal.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openForAppend, type OpenJournalFile } from '../../src/runbook/journal-file.js';
import { SessionStore } from '../../src/runbook/session.js';
import { startSession } from '../../src/runbook/start-session.js';
import { writeKubeconfig } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('a connection that fails at its first Kubernetes reads', () => {
  it('fails with its one line and leaves no journal file behind', async () => {
    const state = tempDir('journal-failed-connect-');
    const store = new SessionStore({ readOnly: true, dryRun: false, demo: false });
    // Every journal file the session opens, and the open itself (to wait for it).
    const opened: Array<{ path: string; done: Promise<unknown> }> = [];
    const openFile: OpenJournalFile = (path) => {
      const done = openForAppend(path);
      opened.push({ path, done: done.catch(() => undefined) });
      return done;
    };
    // Nothing listens on port 1: the version and node reads are refused.
    const running = await startSession(
      { cloud: 'AzureCloud', demo: false, kubeconfig: writeKubeconfig('https://127.0.0.1:1') },
      store,
      { XDG_STATE_HOME: state, HOME: state },
      undefined,
      openFile,
    );
    await running.stop();
    await Promise.all(opened.map((o) => o.done));
    expect(store.getState().connection.phase).toBe('failed');
    expect(running.journal).toBeUndefined();
    // It was opened early (with the first reads), then removed when connect failed.
    expect(opened).toHaveLength(1);
    expect(existsSync(opened[0]!.path)).toBe(false);
  }, 60_000);
});
