// The built binary in a real terminal (tmux), against a simulated cluster run by this test so its
// requests can be counted: every step opened by keystrokes, one confirmation refused and one
// accepted, the screen read back, the window resized below 80x24 and back, then q.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKLIST } from '../../src/model/checklist.js';
import { runSimCommand } from '../../src/sim/sim-command.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { startInTmux, type TmuxTerminal } from './tmux.js';
import { tempDir } from '../helpers/temp-dir.js';

const dir = tempDir('rel-term-');
const stopSim = new AbortController();
let sim: Simulator;
let simRunning: Promise<void>;
let term: TmuxTerminal | undefined;

beforeAll(async () => {
  let ready: (s: Simulator) => void = () => undefined;
  const up = new Promise<Simulator>((resolve) => (ready = resolve));
  simRunning = runSimCommand(
    {
      scenario: 'demo',
      speed: 600,
      kubeconfigOut: join(dir, 'sim.kubeconfig'),
      connectionOut: join(dir, 'sim.json'),
      signal: stopSim.signal,
      onReady: ready,
    },
    { write: () => undefined },
  );
  sim = await up;
});
afterAll(async () => {
  term?.close();
  stopSim.abort();
  await simRunning;
});

/** The steps the overview lists on --demo (the fleet step only shows for fleet members). */
const LISTED = CHECKLIST.filter((step) => !step.onlyWhenRelevant);

describe('aks-runbook in a real terminal (tmux)', () => {
  it('walks every step by keys, refuses then accepts a change, survives a resize, quits', async () => {
    const state = join(dir, 'state');
    const t = (term = startInTmux(['--sim-connection', join(dir, 'sim.json')], {
      XDG_STATE_HOME: state,
    }));
    await t.waitFor('Node images and OS patches', 60_000);
    await t.waitFor(/Nodes 6\/6 ready/);
    expect(t.screen()).toContain('aks-shop-prod');

    // Every step: move down to it, open it, see its title, go back.
    for (const [i, step] of LISTED.entries()) {
      if (i === 0) continue;
      t.key('Down');
      await t.waitFor(new RegExp(`❯ . ${step.id}\\b`));
      t.key('Enter');
      // The step's own screen: its title, and the overview's key hints gone.
      await t.waitFor((s) => s.includes(step.title) && !s.includes('Enter open'), 60_000);
      t.key('Escape');
      await t.waitFor('↑↓ move · Enter open');
    }
    const writesBeforeChange = sim.log.writes().length;
    expect(writesBeforeChange).toBe(0);

    // The metadata endpoint step: refuse the change, then accept it.
    for (let i = LISTED.length - 1; i > 4; i--) {
      t.key('Up');
      await t.waitFor(new RegExp(`❯ . ${LISTED[i - 1]!.id}\\b`));
    }
    t.key('Enter');
    await t.waitFor('Instance metadata endpoint (imds)');
    await t.waitFor('[a] apply to the chosen namespaces');
    t.key('a');
    await t.waitFor('Confirm a change');
    expect(t.screen()).toContain('Cluster: aks-shop-prod');
    expect(t.screen()).toContain('▶ No, cancel ◀');
    t.key('n');
    await t.waitFor('Cancelled: nothing was changed.');
    expect(sim.log.writes()).toHaveLength(0);
    t.key('a');
    await t.waitFor('Confirm a change');
    // Keys answer only once the question has been on screen for a moment (its keys then show).
    await t.waitFor('Enter do what is chosen');
    t.key('y');
    await t.waitFor('▶ Yes, go ahead ◀');
    t.key('Enter');
    await t.waitFor('verified blocked', 60_000);
    expect(sim.log.writes().length).toBeGreaterThan(0);
    expect(sim.log.writes().every((w) => w.api === 'kube' && /networkpolicies/.test(w.path))).toBe(
      true,
    );

    // Smaller than 80x24: one clear message; back to the same screen when large again.
    t.resize(60, 20);
    await t.waitFor(/needs a terminal of at least\s+80x24/);
    t.key('Enter'); // acts on nothing while hidden
    t.resize(100, 30);
    await t.waitFor('Instance metadata endpoint (imds)');
    await t.waitFor('verified blocked');

    t.key('Escape');
    await t.waitFor('↑↓ move · Enter open');
    t.key('q');
    const end = await t.waitFor('[exit code 0]', 30_000);
    // The path wraps at the window's width when the temp directory is deep: join the rows.
    expect(end.replace(/\n/g, '')).toMatch(/Journal: \/\S+\.jsonl/);
    expect(end).not.toMatch(/\n\s+at /);

    const journalDir = join(state, 'aks-runbook');
    const journal = readdirSync(journalDir).find((f) => f.endsWith('.jsonl'))!;
    const lines = readFileSync(join(journalDir, journal), 'utf8').trim().split('\n');
    const answers = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l['type'] === 'confirmation')
      .map((l) => l['answer']);
    expect(answers).toEqual(['no', 'yes']);
  }, 240_000);
});
