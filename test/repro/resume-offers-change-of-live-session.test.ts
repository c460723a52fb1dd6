// A change still running in another live session (a second terminal on the same cluster, a
// colleague's drain) is not "a session that ended in the middle of a change": only a run that
// died (a crash, a kill, a lost connection) is offered for resume (README "Journal" → "Resume":
// "If the last session on the same cluster … ended with an intent and no result — a crash, a
// kill, a lost connection — the next session says so … and then lets the step continue or roll
// back"; DESIGN "Safety model": "A run that died is offered for resume from its journal").
// Offering it lets this session continue or roll back a drain the other one is still running.
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
  it.fails('offers nothing to resume: the other session has not ended', async () => {
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
});
