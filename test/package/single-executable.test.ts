// `npm run package` builds one executable file; copied alone to an empty folder, it runs with an
// empty PATH (no Node to be found): --help, the demo audit, the simulator and the TUI in a pty.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInPty, type PtySession } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';

const root = new URL('../..', import.meta.url).pathname;
const dir = tempDir('single-exe-');
const home = join(dir, 'home');
const exe = join(dir, 'alone', 'aks-runbook');
/** As `env -i PATH=`: nothing but what the program needs to find its way. */
const bare = { PATH: '', HOME: home, AKS_RUNBOOK_NO_AZURE_SIGNIN: '1' };
let pty: PtySession | undefined;

beforeAll(() => {
  mkdirSync(home);
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'pipe' });
  mkdirSync(join(dir, 'alone'));
  copyFileSync(join(root, 'dist/sea/aks-runbook'), exe);
  execFileSync('chmod', ['755', exe]);
}, 180_000);
afterAll(() => {
  pty?.kill();
});

const run = (args: string[]) =>
  spawnSync(exe, args, { cwd: home, env: bare, encoding: 'utf8', timeout: 60_000 });

describe('the single executable', () => {
  it('is one file with Node inside', () => {
    // Node 24 with its symbol table stripped is about 108 MB; the program adds about 6 MB.
    expect(statSync(exe).size).toBeLessThan(160_000_000);
    const version = run(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/Node\.js v24\.\d+\.\d+ linux-x64, single executable\)$/m);
  });

  it('prints its help and completes its own command line', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: aks-runbook/);
    expect(help.stdout).toMatch(/audit/);
    expect(run(['__complete', 'au']).stdout).toMatch(/^-\naudit\t/);
  });

  it('runs the demo audit: a report, exit code 1 (high findings)', () => {
    const audit = run(['audit', '--demo']);
    expect(audit.status, audit.stderr).toBe(1);
    expect(audit.stdout).toMatch(/exit code 1 \(fails on high and above\)/);
    expect(audit.stderr).toBe('');
  });

  it('runs the simulator until Ctrl+C', async () => {
    const child = spawn(exe, ['sim'], { cwd: home, env: bare });
    let out = '';
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Press Ctrl+C to stop.')) resolve();
      }),
    );
    expect(out).toMatch(/ARM endpoint: {2}https:\/\/127\.0\.0\.1:\d+/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('Simulator stopped.');
  });

  it('draws the TUI in a terminal and quits on q', async () => {
    const program = `/usr/bin/env -i PATH= HOME=${home} TERM=xterm-256color AKS_RUNBOOK_NO_AZURE_SIGNIN=1 ${exe}`;
    pty = startInPty(['--demo'], {}, { cols: 100, rows: 30 }, program);
    await pty.waitFor('Node images and OS patches', 60_000);
    pty.type('q');
    expect(await pty.exited(20_000)).toBe(0);
  }, 120_000);
});
