import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig, PolicyV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJournal } from '../../src/runbook/journal-read.js';
import { type JournalRecord } from '../../src/model/journal.js';
import { drainCaseNode } from '../../src/sim/scenarios/drain-kubectl.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { startInPty, type PtySession } from '../helpers/pty.js';
import { startSimCommand, type RunningSim } from '../helpers/sim-command.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';

// A drain in the built program is killed (SIGKILL) while an eviction waits on a PDB; the next
// session on the same simulated cluster (a separate process) offers the change left in flight,
// re-inspects the node and, once the budget is fixed, continues the drain to the end.

const NODE = drainCaseNode('pdb-blocks');
/** A generous deadline: the machine may be busy. */
const SLOW = { ms: 60_000, everyMs: 50 };

/** Matches the intent records of `action` (on `target`, if given). */
function isIntent(action: string, target?: string) {
  return (r: JournalRecord): r is Extract<JournalRecord, { type: 'intent' }> =>
    r.type === 'intent' && r.action === action && (target === undefined || r.target === target);
}

/**
 * Types `text` (one write, as a paste or a key) and waits until the terminal shows `expected`
 * in what it printed since; a field typed into before it re-rendered would lose keys. A RegExp
 * is matched against the raw bytes (escape sequences kept), a string against the plain text.
 */
async function typeAndSee(pty: PtySession, text: string, expected: string | RegExp) {
  const [plain, raw] = [pty.screen().length, pty.raw().length];
  pty.type(text);
  const seen = () =>
    typeof expected === 'string'
      ? pty.screen().slice(plain).includes(expected)
      : expected.test(pty.raw().slice(raw));
  await until(
    () => (seen() ? true : undefined),
    () =>
      `${String(expected)} after typing ${JSON.stringify(text)}; the terminal shows:\n${pty.screen().slice(-1500)}`,
    SLOW,
  );
}

/** The filter field's cursor: an inverse space right after the `/` prompt. */
// eslint-disable-next-line no-control-regex
const FILTER_OPEN = /\/(\u001b\[[0-9;]*m)*\u001b\[7m \u001b\[27m/;

describe('resume after a drain killed mid-eviction', () => {
  const dir = tempDir('drain-resume-');
  const state = tempDir('state-');
  const journals = join(state, 'aks-runbook');
  let sim: Simulator;
  let running: RunningSim;
  const args = ['--sim-connection', join(dir, 'sim.json')];

  beforeAll(async () => {
    running = await startSimCommand('drain-kubectl', { dir });
    sim = running.sim;
  });
  afterAll(() => running.stop());

  const journalFiles = () =>
    readdirSync(journals)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => join(journals, f));

  it('offers the in-flight eviction, re-inspects, continues to a drained node, journaled', async () => {
    // 1. The first session drains the node whose only pod a strict PDB protects.
    const first = startInPty(args, { XDG_STATE_HOME: state });
    let crashed: string;
    try {
      await first.waitFor('Node images and OS patches', 60_000);
      await typeAndSee(first, ':', 'Tab complete');
      await typeAndSee(first, 'drain', ':drain');
      await typeAndSee(first, '\r', 'Cordon and drain');
      // The node table has its keys once the nodes are read.
      await first.waitFor('d drain · ', 60_000);
      await typeAndSee(first, '/', FILTER_OPEN);
      await typeAndSee(first, 'vmss000004', '/vmss000004');
      await typeAndSee(first, '\r', 'filter: vmss000004');
      await typeAndSee(first, 'd', 'Confirm a change');
      // Keys answer only once the question has been on screen for a moment (its keys then show).
      await first.waitFor('Enter do what is chosen');
      await typeAndSee(first, 'y', '▶ Yes, go ahead');
      await typeAndSee(first, '\r', 'Draining');
      // 2. Once the eviction's intent is on disk, the process dies without a chance to clean up.
      crashed = await until(
        () => journalFiles().find((f) => readFileSync(f, 'utf8').includes('"action":"evict pod"')),
        'an eviction intent in the journal',
        SLOW,
      );
      await first.waitFor('waiting on PDB ledger', 60_000);
      const pid = parseJournal(crashed, readFileSync(crashed, 'utf8')).records.find(
        (r) => r.type === 'session',
      )?.pid;
      expect(pid).toBeGreaterThan(0);
      process.kill(pid!, 'SIGKILL');
      await first.exited(30_000);
    } finally {
      first.kill();
    }
    // A write cut off by the crash leaves a torn last line; the next session must shrug it off.
    appendFileSync(crashed, '{"time":"2025-');
    const before = parseJournal(crashed, readFileSync(crashed, 'utf8'));
    expect(before.tornTail).toBe(true);
    const evictIntent = before.records.find(isIntent('evict pod'));
    expect(evictIntent).toBeDefined();
    expect(before.records.some((r) => r.type === 'result' && r.id === evictIntent?.id)).toBe(false);
    expect(sim.kube.getNode(NODE)?.['spec']).toMatchObject({ unschedulable: true });
    const ledger = sim.kube.podsOnNode(NODE).find((p) => p.metadata.labels?.['app'] === 'ledger');
    expect(ledger).toBeDefined();

    // 3. Meanwhile the owner relaxes the budget (as from a second terminal).
    const kc = new KubeConfig();
    kc.loadFromString(sim.userKubeconfig());
    await kc
      .makeApiClient(PolicyV1Api)
      .deleteNamespacedPodDisruptionBudget({ name: 'ledger', namespace: 'cases' });

    // 4. A new session on the same cluster offers what was in flight and picks it up.
    const second = startInPty(args, { XDG_STATE_HOME: state });
    try {
      await second.waitFor('ended in the middle of a change', 60_000);
      await second.waitFor(`drain: evict pod cases/${ledger!.metadata.name}`, 60_000);
      await second.waitFor('Enter open that step');
      await typeAndSee(second, '\r', 'Interrupted drain');
      await second.waitFor(/still cordoned with 1 pod left: cases\/ledger/, 60_000);
      await typeAndSee(second, 'd', 'Confirm a change');
      await second.waitFor('Enter do what is chosen');
      await typeAndSee(second, 'y', '▶ Yes, go ahead');
      await typeAndSee(second, '\r', 'Draining');
      await second.waitFor(`✔ ${NODE}: drained (1/1 pods moved, cordoned)`, 60_000);
      // The node stays cordoned on purpose: quitting names it and asks first.
      await typeAndSee(second, 'q', 'Still cordoned by this session');
      await second.waitFor('y/Ctrl+C quit');
      second.type('y');
      expect(await second.exited(30_000)).toBe(0);
    } finally {
      second.kill();
    }

    // 5. The node is drained and still cordoned; the new journal tells the whole story.
    expect(sim.kube.getNode(NODE)?.['spec']).toMatchObject({ unschedulable: true });
    expect(sim.kube.podsOnNode(NODE).map((p) => p.metadata.labels?.['app'])).toEqual([
      'node-agent',
    ]);
    const next = journalFiles().find((f) => f !== crashed)!;
    const records = parseJournal(next, readFileSync(next, 'utf8')).records;
    const notes = records.flatMap((r) => (r.type === 'note' ? [r.message] : []));
    expect(notes).toContain('interrupted session found');
    expect(notes).toContain('resume: re-inspected the interrupted drain');
    expect(notes).toContain('drain finished');
    const resumed = records.find(
      (r) => r.type === 'note' && r.message === 'resume: re-inspected the interrupted drain',
    );
    expect(resumed?.type === 'note' && resumed.detail?.['nodes']).toEqual([
      { node: NODE, verdict: 'pods-left', podsLeft: [`cases/${ledger!.metadata.name}`] },
    ]);
    const evict = records.find(isIntent('evict pod', `pod/cases/${ledger!.metadata.name}`));
    expect(evict).toBeDefined();
    expect(records).toContainEqual(
      expect.objectContaining({ type: 'result', id: evict?.id, outcome: 'ok' }),
    );
  }, 240_000);
});
