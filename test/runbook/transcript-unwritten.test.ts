// A transcript the file system refuses says which file and why in words, not the raw error.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { transcriptActions } from '../../src/runbook/session-actions.js';
import type { StepHost } from '../../src/runbook/step-host.js';
import { transcriptPathFor } from '../../src/runbook/transcript-file.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('a transcript that cannot be written', () => {
  it('names the file and says why in words', async () => {
    const mode = { readOnly: false, dryRun: false, demo: true };
    const journal = await Journal.open({ cluster: 'aks-demo', mode, env: {}, dir: tempDir('j-') });
    const store = new SessionStore(mode);
    const path = transcriptPathFor(journal.path);
    // A folder where the transcript goes (refused even as root).
    mkdirSync(path);
    writeFileSync(`${path}/keep`, '');
    const actions = transcriptActions(store, journal, {} as StepHost);
    await actions.transcriptNow();
    await journal.close();
    expect(store.getState().notice).toMatch(
      new RegExp(
        `^The transcript could not be written: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: [a-z ,]+, E[A-Z]+; check the path, its permissions and free disk space$`,
      ),
    );
  });
});
