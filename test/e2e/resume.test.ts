import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInPty } from '../helpers/pty.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { tempDir } from '../helpers/temp-dir.js';

// A session on the demo cluster died mid-upgrade (its journal, written by hand, ends with an intent
// and a torn line). The next session on the same running simulated cluster (aks-runbook sim) says
// so, and the operator goes back to that step; a --demo session (a brand-new cluster) says why not.

const DEMO = {
  subscriptionId: '3f2b9c1e-7d4a-4e8b-a1c6-5d9e0f1a2b3c',
  resourceGroup: 'rg-shop-prod',
  name: 'aks-shop-prod',
};

function crashedDemoSession(dir: string): string {
  const lines = [
    {
      time: '2025-03-01T10:00:00.000Z',
      type: 'session',
      cluster: 'aks-shop-prod',
      mode: { readOnly: false, dryRun: false, demo: true },
      pid: 1,
    },
    {
      time: '2025-03-01T10:00:01.000Z',
      type: 'note',
      step: 'connect',
      message: 'connected',
      detail: { server: 'https://127.0.0.1:1', arm: DEMO },
    },
    {
      time: '2025-03-01T10:00:05.000Z',
      type: 'intent',
      id: 1,
      step: 'upgrades',
      action: 'upgrade pool',
      target: 'agentpool/apps',
    },
  ];
  const file = join(dir, '2025-03-01T10-00-00-000Z-aks-shop-prod-1.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n{"time":"2025-03-01T1');
  return file;
}

let running: RunningSim;
beforeAll(async () => {
  running = await startSimCommand('demo', { speed: 600 });
});
afterAll(() => running.stop());

describe('resume after a crash, in a terminal', () => {
  it('offers the change left in flight, opens its step on Enter, writes the transcript on t and on exit', async () => {
    const state = tempDir('state-');
    const dir = join(state, 'aks-runbook');
    mkdirSync(dir);
    const crashed = crashedDemoSession(dir);
    const pty = startInPty(['--sim-connection', running.connectionFile], {
      XDG_STATE_HOME: state,
    });
    try {
      await pty.waitFor('ended in the middle of a change');
      await pty.waitFor('upgrades: upgrade pool agentpool/apps');
      // The offer answers only keys typed once it has been on screen for a moment.
      await pty.waitFor('Enter open that step');
      pty.type('\r');
      // The step re-inspects the cluster as it is now (its frame's title carries the status).
      await pty.waitFor(/Kubernetes upgrades \(upgrades\) · \d+ finding/);
      pty.type('\u001b');
      await pty.waitFor(/upgrades\s+Kubernetes upgrades\s+\d+ finding/);
      pty.type('t');
      await pty.waitFor('Transcript written:');
      pty.type('q');
      expect(await pty.exited()).toBe(0);
    } finally {
      pty.kill();
    }
    const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl') && join(dir, f) !== crashed);
    expect(files).toHaveLength(1);
    const journal = readFileSync(join(dir, files[0]!), 'utf8');
    expect(journal).toContain('"message":"interrupted session found"');
    expect(journal).toContain('"message":"interrupted session: operator chose open"');
    expect(journal).toContain('"step":"upgrades","message":"findings"');
    const transcript = readFileSync(join(dir, files[0]!.replace(/\.jsonl$/, '.md')), 'utf8');
    expect(transcript).toMatch(/^# aks-runbook session: aks-shop-prod/);
    expect(transcript).toContain('### upgrades:');
    expect(pty.screen()).toContain('Transcript: ');
  }, 60_000);

  it('with --demo (a new simulated cluster) offers nothing and says why', async () => {
    const state = tempDir('state-');
    const dir = join(state, 'aks-runbook');
    mkdirSync(dir);
    crashedDemoSession(dir);
    const pty = startInPty(['--demo'], { XDG_STATE_HOME: state });
    try {
      await pty.waitFor(
        'Earlier --demo changes not resumed: each --demo is a new simulated cluster.',
        60_000,
      );
      expect(pty.screen()).not.toContain('ended in the middle of a change');
      pty.type('q');
      expect(await pty.exited()).toBe(0);
    } finally {
      pty.kill();
    }
  }, 60_000);
});
