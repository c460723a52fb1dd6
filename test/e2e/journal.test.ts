import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/cli-process.js';
import { crashedJournal } from '../runbook/crashed-journal.js';
import { tempDir } from '../helpers/temp-dir.js';

// `aks-runbook journal` on a journal folder written by hand: one crashed session, one clean one.

function stateWithJournals(): string {
  const state = tempDir('state-');
  const dir = join(state, 'aks-runbook');
  mkdirSync(dir);
  writeFileSync(join(dir, '2025-03-01T10-00-00-000Z-aks-one-1.jsonl'), crashedJournal());
  const clean = crashedJournal().split('\n').slice(0, 3).join('\n') + '\n';
  writeFileSync(join(dir, '2025-03-02T10-00-00-000Z-aks-one-2.jsonl'), clean);
  return state;
}

describe('aks-runbook journal', () => {
  const state = stateWithJournals();
  const env = { XDG_STATE_HOME: state };

  it('list: newest first, with cluster, mode, changes and what was left in flight', async () => {
    const ran = await runBin(['journal', 'list'], env);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.split('\n');
    expect(lines[0]).toMatch(/^#\s+STARTED\s+CLUSTER\s+MODE\s+CHANGES\s+DRY RUNS\s+IN FLIGHT$/);
    expect(lines[1]).toMatch(
      /^1\s+2025-03-01T10:00:00.000Z\s+aks-one\s+changes allowed\s+0\s+0\s+no$/,
    );
    // One decision (the drain of n1: its cordon and its evictions), not one per request.
    expect(lines[2]).toMatch(
      /^2\s+2025-03-01T10:00:00.000Z\s+aks-one\s+changes allowed\s+1\s+0\s+yes \(1\)$/,
    );
  });

  it('show: the events of one session by number, and says the session died mid-change', async () => {
    const ran = await runBin(['journal', 'show', '2'], env);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('#2 evict pod/shop/web-1');
    expect(ran.stdout).toContain('the last line was cut off');
    expect(ran.stdout).toContain('1 change was left in flight');
  });

  it('export: Markdown by default, JSON on request, to a file with --out', async () => {
    const md = await runBin(['journal', 'export', '2'], env);
    expect(md.stdout).toMatch(/^# aks-runbook session: aks-one/);
    expect(md.stdout).toContain('IN FLIGHT');
    const out = join(state, 'session.json');
    const json = await runBin(['journal', 'export', '2', '--format', 'json', '--out', out], env);
    expect(json.code).toBe(0);
    const data = JSON.parse(readFileSync(out, 'utf8')) as { session: { inFlight: unknown[] } };
    expect(data.session.inFlight).toHaveLength(1);
    // It holds cluster data: only its owner reads it, as the journal itself.
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('export --out over a file that was readable by others leaves it readable by its owner only', async () => {
    const out = join(state, 'older.md');
    writeFileSync(out, 'old\n', { mode: 0o644 });
    const md = await runBin(['journal', 'export', '1', '--out', out], env);
    expect(md.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# aks-runbook session/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('names a session that does not exist in one line, exit 2', async () => {
    const ran = await runBin(['journal', 'show', '9'], env);
    expect(ran.code).toBe(2);
    expect(ran.stderr.trim()).toBe(
      'aks-runbook: there is no session #9; "aks-runbook journal list" shows 2',
    );
  });
});
