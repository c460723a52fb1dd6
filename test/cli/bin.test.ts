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

  it('prints its version, the commit it was built from and the Node it runs on', async () => {
    const ran = await runBin(['--version']);
    expect(ran.code).toBe(0);
    const line = ran.stdout.trim();
    expect(line).toMatch(
      /^aks-runbook \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}(-dirty)?|unknown); Node\.js v\d+\.\d+\.\d+ \w+-\w+\)$/,
    );
    expect(line).toContain(`Node.js ${process.version} `);
    // `npm test` builds in this checkout: the bundle names its commit.
    const head = gitHead();
    if (head) expect(line).toMatch(new RegExp(`commit ${head}(-dirty)?;`));
  });
});

/** This checkout's commit (12 digits), or undefined outside git. */
function gitHead(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'ignore'],
      encoding: 'utf8',
    }).trim();
  } catch {
    return undefined;
  }
}
