// The built program leaves nothing open behind. An interactive session ended from outside (kill, a
// closed terminal, Ctrl+C sent as a signal) closes like `q`: the work stops, the journal is complete
// and closed, and the exit code says which signal it was. With --trace-warnings, Node must never
// warn of a file handle left to the garbage collector (DEP0137).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli-process.js';
import { startInPty } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';

const WARNED = /DEP0137|on garbage collection|Warning:/;
const TRACE = { NODE_OPTIONS: '--trace-warnings' };

/** The journal of the session a terminal runs, and the program's pid from its first line. */
function sessionJournal(state: string): { file: string; pid: number; types: () => string[] } {
  const dir = join(state, 'aks-runbook');
  const file = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.jsonl'))!,
  );
  const records = () =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; pid?: number });
  return { file, pid: records()[0]!.pid!, types: () => records().map((r) => r.type) };
}

const SIGNALS = [
  ['SIGTERM', 143],
  ['SIGHUP', 129],
  ['SIGINT', 130],
] as const;

describe('a session ended by a signal', () => {
  it.each(SIGNALS)('%s: closes the journal and exits %i', async (signal, code) => {
    const state = tempDir('signal-state-');
    const pty = startInPty(['--demo'], { XDG_STATE_HOME: state, ...TRACE });
    // Once the first inspections are done (stopping sooner waits for them, as `q` does).
    await pty.waitFor(/Node images and OS patches\s+\d+ findings/, 60_000);
    const journal = sessionJournal(state);
    process.kill(journal.pid, signal);
    expect(await pty.exited(15_000)).toBe(code);
    // Said by the program's own handler after closing (a default signal death says nothing).
    expect(pty.screen()).toContain(
      `aks-runbook: ended by ${signal}; journal closed: ${journal.file}`,
    );
    // Every line whole: nothing was cut off mid-write.
    expect(journal.types()[0]).toBe('session');
    expect(pty.screen()).not.toMatch(WARNED);
  });

  it('a terminal that goes away ends the program too', async () => {
    const state = tempDir('signal-state-');
    const pty = startInPty(['--demo'], { XDG_STATE_HOME: state, ...TRACE });
    await pty.waitFor(/Node images and OS patches\s+\d+ findings/, 60_000);
    const { pid, types } = sessionJournal(state);
    pty.kill(); // the terminal closes: the program gets SIGHUP
    const deadline = Date.now() + 15_000;
    while (existsSync(`/proc/${pid}`) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(types()[0]).toBe('session');
  });
});

describe('the headless commands', () => {
  it('audit and journal run without a file-handle warning', async () => {
    const state = tempDir('signal-state-');
    const audit = await runBin(
      ['audit', '--demo', '--output', 'json'],
      { XDG_STATE_HOME: state, ...TRACE },
      { timeoutMs: 60_000 },
    );
    expect(audit.stdout).toContain('"findings"');
    const journal = await runBin(['journal', 'list'], { XDG_STATE_HOME: state, ...TRACE });
    expect(journal.code).toBe(0);
    expect(audit.stderr + journal.stderr).not.toMatch(WARNED);
  });
});
