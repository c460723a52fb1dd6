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

/** A session whose pool upgrade was sent and whose answer never came: a result, outcome unknown. */
function unknownOutcomeJournal(): string {
  const head = crashedJournal().split('\n').slice(0, 2);
  const lines = [
    {
      time: '2025-03-03T10:00:04.000Z',
      type: 'intent',
      id: 1,
      step: 'upgrades',
      action: 'upgrade pool',
      target: 'agentPool/nodepool1',
    },
    {
      time: '2025-03-03T10:09:00.000Z',
      type: 'result',
      id: 1,
      outcome: 'unknown',
      error: 'no answer came to the request',
    },
  ];
  return [...head, ...lines.map((l) => JSON.stringify(l))].join('\n') + '\n';
}

describe('aks-runbook journal', () => {
  const state = stateWithJournals();
  const env = { XDG_STATE_HOME: state };

  it('list: newest first, with cluster, mode, changes and what was left in flight', async () => {
    const ran = await runBin(['journal', 'list'], env);
    expect(ran.code).toBe(0);
    const lines = ran.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^#\s+STARTED\s+CLUSTER\s+MODE\s+CHANGES\s+DRY RUNS\s+IN FLIGHT\s+OUTCOME UNKNOWN$/,
    );
    expect(lines[1]).toMatch(
      /^1\s+2025-03-01T10:00:00.000Z\s+aks-one\s+changes allowed\s+0\s+0\s+no\s+no$/,
    );
    // One decision (the drain of n1: its cordon and its evictions), not one per request.
    expect(lines[2]).toMatch(
      /^2\s+2025-03-01T10:00:00.000Z\s+aks-one\s+changes allowed\s+1\s+0\s+yes \(1\)\s+no$/,
    );
    expect(ran.stdout).toContain('IN FLIGHT: the session ended while the change ran');
  });

  it('list and show: a change sent whose answer never came counts, apart from one in flight', async () => {
    const state = stateWithJournals();
    const dir = join(state, 'aks-runbook');
    writeFileSync(join(dir, '2025-03-03T10-00-00-000Z-aks-one-3.jsonl'), unknownOutcomeJournal());
    const list = await runBin(['journal', 'list'], { XDG_STATE_HOME: state });
    expect(list.code).toBe(0);
    const lines = list.stdout.split('\n');
    // It once read "no" here: the cluster may be mid-upgrade, and the list said nothing was left.
    expect(lines[1]).toMatch(
      /^1\s+2025-03-01T10:00:00.000Z\s+aks-one\s+changes allowed\s+1\s+0\s+no\s+yes \(1\)$/,
    );
    expect(list.stdout).toContain(
      'OUTCOME UNKNOWN: the change was sent and its answer never came.',
    );
    const show = await runBin(['journal', 'show', '1'], { XDG_STATE_HOME: state });
    expect(show.stdout).toContain('1 change was sent with outcome unknown: #1.');
    expect(show.stdout).not.toContain('left in flight');
    expect(show.stdout).toContain('Check the cluster in Azure before sending any of them again');
  });

  it('show: the events of one session by number, and says the session died mid-change', async () => {
    const ran = await runBin(['journal', 'show', '2'], env);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('#2 evict pod/shop/web-1');
    expect(ran.stdout).toContain('the last line was cut off');
    expect(ran.stdout).toContain('1 change was left in flight (intent, no result): #2.');
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
