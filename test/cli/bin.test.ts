import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runBin, writeKubeconfig } from '../helpers/cli-process.js';

function oneLineOnStderr(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, `stderr was:\n${stderr}`).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  return lines[0]!;
}

describe('the aks-runbook command', () => {
  it('names an unknown context in one line and exits 2', async () => {
    const kubeconfig = writeKubeconfig();
    const ran = await runBin(['--context', 'does-not-exist'], { KUBECONFIG: kubeconfig });
    expect(ran.code).toBe(2);
    expect(oneLineOnStderr(ran.stderr)).toBe(
      `aks-runbook: no context named "does-not-exist" in ${kubeconfig}; available: alpha`,
    );
  });

  it('refuses an unknown flag in one line and exits 2', async () => {
    const ran = await runBin(['--no-such-flag']);
    expect(ran.code).toBe(2);
    expect(oneLineOnStderr(ran.stderr)).toMatch(/^aks-runbook: unknown option '--no-such-flag'/);
  });

  it('points to the headless audit when there is no terminal', async () => {
    const ran = await runBin(['--demo']);
    expect(ran.code).toBe(2);
    expect(oneLineOnStderr(ran.stderr)).toMatch(/needs a terminal.*aks-runbook audit/);
  });

  it('prints its version', async () => {
    const ran = await runBin(['--version']);
    expect(ran.code).toBe(0);
    expect(ran.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  // The machines' own Node is 20: exactly the old Node a user might start the bin with.
  const systemNode = execFileSync('/usr/bin/node', ['--version']).toString().trim();
  it.skipIf(Number(systemNode.slice(1).split('.')[0]) >= 22)(
    `says which Node it needs when started on an old one (system Node ${systemNode})`,
    async () => {
      const ran = await runBin(['--demo'], {}, { node: '/usr/bin/node' });
      expect(ran.code).toBe(2);
      expect(oneLineOnStderr(ran.stderr)).toMatch(/needs Node\.js 22 or newer, this is v\d+/);
    },
  );
});
