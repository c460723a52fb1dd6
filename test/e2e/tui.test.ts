import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKubeconfig } from '../helpers/cli-process.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { startInPty, usesColour } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';

// The built program in a real pseudo-terminal, as an operator runs it.

describe('aks-runbook in a terminal', () => {
  it('--demo shows the cluster card and the whole checklist, journals the session, and q quits', async () => {
    const state = tempDir('state-');
    const pty = startInPty(['--demo'], { XDG_STATE_HOME: state });
    try {
      await pty.waitFor('Node images and OS patches');
      await pty.waitFor(/Nodes \d+\/\d+ ready/);
      expect(pty.screen()).toContain('aks-shop-prod');
      pty.type('q');
      expect(await pty.exited()).toBe(0);
    } finally {
      pty.kill();
    }
    const files = readdirSync(join(state, 'aks-runbook')).filter((f) => f.endsWith('.jsonl'));
    expect(files).toHaveLength(1);
    // The Markdown transcript is written next to the journal on exit.
    expect(readdirSync(join(state, 'aks-runbook'))).toContain(files[0]!.replace(/\.jsonl$/, '.md'));
    const journal = readFileSync(join(state, 'aks-runbook', files[0]!), 'utf8');
    expect(journal).toContain('"type":"session"');
    expect(journal).toContain('"message":"connected"');
  });

  it('says in one line that a context does not exist, and exits 2', async () => {
    const kubeconfig = writeKubeconfig();
    const pty = startInPty(['--context', 'does-not-exist'], { KUBECONFIG: kubeconfig });
    try {
      expect(await pty.exited(20_000)).toBe(2);
      expect(pty.screen()).toContain(
        `aks-runbook: no context named "does-not-exist" in ${kubeconfig}; available: alpha`,
      );
      expect(pty.screen()).not.toMatch(/\n\s+at /);
    } finally {
      pty.kill();
    }
  });

  it('draws without colour when NO_COLOR is set', async () => {
    const pty = startInPty(['--demo'], { NO_COLOR: '1' });
    try {
      await pty.waitFor('Node images and OS patches');
      pty.type('q');
      await pty.exited();
    } finally {
      pty.kill();
    }
    expect(usesColour(pty.raw())).toBe(false);
  });
});

describe('a trainee: aks-runbook sim in one terminal, aks-runbook in another', () => {
  let running: RunningSim;
  beforeAll(async () => {
    running = await startSimCommand('demo');
  });
  afterAll(() => running.stop());

  it('connects read-only through the connection file and sends no changing request', async () => {
    const { sim, connectionFile } = running;
    const before = sim.log.entries.length;
    const pty = startInPty(['--read-only', '--sim-connection', connectionFile]);
    try {
      await pty.waitFor('Node images and OS patches');
      expect(pty.screen()).toContain('READ-ONLY');
      pty.type('q');
      expect(await pty.exited()).toBe(0);
    } finally {
      pty.kill();
    }
    const seen = sim.log.entries.slice(before);
    expect(seen.some((e) => e.api === 'arm')).toBe(true);
    expect(seen.some((e) => e.api === 'kube')).toBe(true);
    expect(seen.filter((e) => e.effect !== 'read')).toEqual([]);
  });
});
