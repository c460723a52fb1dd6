import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startInPty, type PtySession } from '../helpers/pty.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';

// A session ended from outside still leaves its Markdown transcript next to its journal: at once
// on SIGTERM or SIGHUP, and, after kill -9, when the next session starts.

const files = (state: string, ext: string) =>
  readdirSync(join(state, 'aks-runbook'))
    .filter((f) => f.endsWith(ext))
    .sort();

async function started(state: string): Promise<{ pty: PtySession; pid: number }> {
  const pty = startInPty(['--demo'], { XDG_STATE_HOME: state });
  await pty.waitFor(/✔ connect .* ok/, 60_000);
  const newest = files(state, '.jsonl').at(-1)!;
  const first = readFileSync(join(state, 'aks-runbook', newest), 'utf8').split('\n')[0]!;
  return { pty, pid: (JSON.parse(first) as { pid: number }).pid };
}

describe('a killed session still gets its transcript', () => {
  it.each(['SIGTERM', 'SIGHUP'] as const)(
    '%s: written on the way out, readable by its owner only',
    async (signal) => {
      const state = tempDir('killed-');
      const { pty, pid } = await started(state);
      try {
        process.kill(pid, signal);
        await pty.exited(30_000);
      } finally {
        pty.kill();
      }
      const [md] = files(state, '.md');
      expect(md).toBe(files(state, '.jsonl')[0]!.replace(/\.jsonl$/, '.md'));
      const path = join(state, 'aks-runbook', md!);
      expect(readFileSync(path, 'utf8')).toMatch(/^# aks-runbook session: aks-shop-prod/);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    },
    90_000,
  );

  it('kill -9: the next session writes the transcript the killed one could not', async () => {
    const state = tempDir('killed-');
    const first = await started(state);
    process.kill(first.pid, 'SIGKILL');
    await first.pty.exited(30_000).catch(() => undefined);
    first.pty.kill();
    expect(files(state, '.md')).toEqual([]);
    const second = await started(state);
    try {
      const killed = files(state, '.jsonl')[0]!.replace(/\.jsonl$/, '.md');
      await until(
        () => files(state, '.md').includes(killed),
        'the transcript of the killed session',
      );
      const text = readFileSync(join(state, 'aks-runbook', killed), 'utf8');
      expect(text).toContain('- Mode: changes allowed, simulated cluster (--demo)');
    } finally {
      second.pty.type('q');
      await second.pty.exited(30_000).catch(() => undefined);
      second.pty.kill();
    }
  }, 120_000);
});
