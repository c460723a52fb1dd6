// README "Journal" → "Resume": only a session that ended with a change under way (a crash, a kill,
// a lost connection) is offered for resume. A change still running in another live session (a
// second terminal, a colleague's drain) is that session's own: this one must not continue or
// roll it back.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectResume } from '../../src/runbook/resume.js';
import { Journal } from '../../src/runbook/journal.js';
import { tempDir } from '../helpers/temp-dir.js';

const ARM = { subscriptionId: 'sub-1', resourceGroup: 'rg-one', name: 'aks-one' };

let other: ChildProcess | undefined;
afterEach(() => {
  other?.kill();
  other = undefined;
});

/** The journal of a session (process `pid`) that is draining a node right now. */
function drainingJournal(pid: number): string {
  const lines = [
    {
      time: '2025-03-01T10:00:00.000Z',
      type: 'session',
      cluster: 'aks-one',
      mode: { readOnly: false, dryRun: false, demo: false },
      pid,
    },
    {
      time: '2025-03-01T10:00:01.000Z',
      type: 'note',
      step: 'connect',
      message: 'connected',
      detail: { server: 'https://aks-one:443', arm: ARM },
    },
    {
      time: '2025-03-01T10:00:04.000Z',
      type: 'intent',
      id: 1,
      step: 'drain',
      action: 'drain node',
      target: 'node/aks-nodepool1-0',
    },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

describe('a second session while the first is still draining', () => {
  it('offers nothing to resume: the other session has not ended', async () => {
    // The first session: a live process of its own, its drain under way (intent, no result yet).
    other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    expect(other.pid).toBeGreaterThan(0);
    const dir = tempDir('resume-live-');
    writeFileSync(
      join(dir, `2025-03-01T10-00-00-000Z-aks-one-${other.pid}.jsonl`),
      drainingJournal(other.pid!),
    );

    const mode = { readOnly: false, dryRun: false, demo: false };
    const journal = await Journal.open({ cluster: 'aks-one', mode, env: {}, dir });
    const offer = await detectResume(journal, { cluster: 'aks-one', arm: ARM });
    await journal.close();
    expect(offer).toBeUndefined();
  });

  it('offers it once that session is gone (a process that no longer runs)', async () => {
    const gone = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    await new Promise((done) => gone.on('exit', done));
    const dir = tempDir('resume-dead-');
    writeFileSync(
      join(dir, `2025-03-01T10-00-00-000Z-aks-one-${gone.pid}.jsonl`),
      drainingJournal(gone.pid!),
    );
    const mode = { readOnly: false, dryRun: false, demo: false };
    const journal = await Journal.open({ cluster: 'aks-one', mode, env: {}, dir });
    const offer = await detectResume(journal, { cluster: 'aks-one', arm: ARM });
    await journal.close();
    expect(offer).toBeDefined();
  });
});
