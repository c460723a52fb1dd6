// Crash safety: the built program, in a real terminal, is killed with SIGKILL in the middle of a
// drain, a NetworkPolicy apply and an upgrade, at two phases each: after the intent is on disk but
// before the request took effect, and after the request took effect but before its result was
// journaled. The journal still parses, and the next session offers the unfinished change, re-inspects
// the step and reports the state the cluster is really in.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKLIST, type StepId } from '../../src/model/checklist.js';
import { readJournal } from '../../src/runbook/journal-read.js';
import { type JournalRecord } from '../../src/model/journal.js';
import type { ImdsState } from '../../src/steps/imds/state.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import { startInPty, typeByHand, type PtySession } from '../helpers/pty.js';
import { simTarget, type SimTarget } from './cli-harness.js';
import { until } from './fault-rig.js';
import { session } from './walk.js';
import { tempDir } from '../helpers/temp-dir.js';

type Phase = 'before the request' | 'after the request, before the result';
type Match = (method: string, path: string, query: URLSearchParams) => boolean;

interface Operation {
  step: 'drain' | 'imds' | 'upgrades';
  /** The mutating request the kill is aimed at. */
  write: Match;
  /** From the overview to the accepted confirmation, by keys. */
  drive(pty: PtySession): Promise<void>;
  /** Whether the cluster shows the change. */
  applied(t: SimTarget): boolean;
  /** After the resumed session re-inspected: the step reports what the cluster shows. */
  reported(t: SimTarget, state: ResumedState, applied: boolean): void;
}

interface ResumedState {
  view: string;
  stepState: unknown;
}

let target: SimTarget | undefined;
let pty: PtySession | undefined;
afterEach(async () => {
  pty?.kill();
  await target?.sim.close();
  target = pty = undefined;
});

/** Opens the overview's step `id`, one arrow key at a time (Ink reads a burst as one key). */
async function openStep(p: PtySession, id: StepId): Promise<void> {
  await p.waitFor('Node images and OS patches', 60_000);
  await p.waitFor(/✔ connect .* ok/, 60_000);
  for (const step of CHECKLIST.slice(1)) {
    p.type('\u001b[B');
    await p.waitFor(new RegExp(`❯ \\S ${step.id}\\b`));
    if (step.id === id) break;
  }
  p.type('\r');
}
async function accept(p: PtySession): Promise<void> {
  await p.waitFor('Confirm a change', 60_000);
  // Keys answer only once the question has been on screen for a moment (its keys then show).
  await p.waitFor('Enter do what is chosen');
  p.type('y');
  await p.waitFor('▶ Yes, go ahead ◀');
  p.type('\r');
}
const apps0 = (t: SimTarget) =>
  t.sim.kube
    .listNodes()
    .map((n) => n.metadata.name)
    .sort()
    .find((n) => n.includes('-apps-'))!;

const OPERATIONS: Operation[] = [
  {
    step: 'drain',
    write: (method, path) => method === 'PATCH' && /\/api\/v1\/nodes\/[^/]+$/.test(path),
    drive: async (p) => {
      await openStep(p, 'drain');
      await p.waitFor('Space select');
      p.type(' ');
      await p.waitFor('1 selected');
      p.type('d');
      await accept(p);
    },
    applied: (t) =>
      (t.sim.kube.getNode(apps0(t))?.['spec'] as { unschedulable?: boolean } | undefined)
        ?.unschedulable === true,
    reported: (t, resumed, applied) => {
      const state = resumed.stepState as DrainState;
      // A cordoned node is named as left cordoned (with the key that uncordons it); none otherwise.
      expect(state.leftCordoned).toEqual(applied ? [apps0(t)] : []);
    },
  },
  {
    step: 'imds',
    write: (method, path, query) =>
      method === 'POST' && /\/networkpolicies$/.test(path) && !query.getAll('dryRun').length,
    drive: async (p) => {
      await openStep(p, 'imds');
      await p.waitFor('[a] apply to the chosen namespaces');
      p.type('a');
      await accept(p);
    },
    applied: (t) =>
      t.sim.log.entries.some(
        (e) =>
          e.effect === 'write' &&
          e.method === 'POST' &&
          /networkpolicies$/.test(e.path) &&
          e.status === 201,
      ),
    reported: (t, resumed) => {
      // Each namespace is reported "ours, blocked" exactly when our policy is there now.
      const rows = (resumed.stepState as ImdsState).rows;
      const created = new Set(
        t.sim.log.entries
          .filter((e) => e.effect === 'write' && e.method === 'POST' && e.status === 201)
          .map((e) => /namespaces\/([^/]+)\/networkpolicies$/.exec(e.path)?.[1]),
      );
      for (const row of rows.filter((r) => !r.system)) {
        expect(row.ours, row.namespace).toBe(created.has(row.namespace));
        if (created.has(row.namespace)) expect(row.verdict, row.namespace).toBe('blocked');
      }
    },
  },
  {
    step: 'upgrades',
    write: (method, path) => method === 'PUT' && /\/managedClusters\/[^/]+$/i.test(path),
    drive: async (p) => {
      await openStep(p, 'upgrades');
      await p.waitFor('Control plane 1.31.8');
      p.type('t');
      await p.waitFor('Choose the control-plane target');
      const mark = p.screen().length;
      p.type('\r');
      // The step frame is drawn again once the chooser has closed.
      await p.waitFor((screen: string) => screen.slice(mark).includes('Control plane 1.31.8'));
      p.type('c');
      await p.waitFor('Type aks-shop-prod and press Enter', 60_000);
      await p.waitFor('Enter go ahead');
      // By hand, a key at a time: the confirmation refuses the name written at once (a paste).
      await typeByHand(p, 'aks-shop-prod');
      p.type('\r');
    },
    applied: (t) =>
      t.sim.aks.state.provisioningState !== 'Succeeded' ||
      t.sim.aks.state.currentKubernetesVersion !== '1.31.8',
    reported: (t, resumed, applied) => {
      if (applied) expect(resumed.view).toMatch(/1\.32\.5|Upgrading|running/);
      else expect(t.sim.aks.state.currentKubernetesVersion).toBe('1.31.8');
    },
  },
];

const PHASES: Phase[] = ['before the request', 'after the request, before the result'];

describe('kill -9 mid-change, then resume', () => {
  it.each(OPERATIONS.flatMap((op) => PHASES.map((phase) => [op.step, phase, op] as const)))(
    '%s, killed %s',
    async (_step, phase, op) => {
      target = await simTarget({ scenario: 'demo', speed: 600 });
      const t = target;
      const state = tempDir('rel-crash-');
      const held = phase === 'before the request' ? t.sim.hold(op.write) : undefined;
      let killedAt: number | undefined;
      const child = { pid: 0 };
      // After the request: kill the moment the simulator has processed it, before it answers.
      const off =
        phase === 'before the request'
          ? () => undefined
          : t.sim.log.subscribe((e) => {
              if (killedAt || !op.write(e.method, e.path, new URLSearchParams(e.query))) return;
              if (child.pid) process.kill(child.pid, 'SIGKILL');
              killedAt = Date.now();
            });
      pty = startInPty(
        ['--sim-connection', t.file],
        { XDG_STATE_HOME: state },
        { cols: 100, rows: 30 },
      );
      const journalFile = async () => {
        const dir = join(state, 'aks-runbook');
        const name = await until(
          () =>
            readdirSync(dir, { withFileTypes: true }).find((f) => f.name.endsWith('.jsonl'))?.name,
          'the journal',
        ).catch(() => undefined);
        return join(dir, name!);
      };
      await pty.waitFor('Node images and OS patches', 60_000);
      const path = await journalFile();
      const first = (await readJournal(path)).records[0] as JournalRecord & { pid?: number };
      child.pid = first.pid!;
      await op.drive(pty);

      if (held) {
        await held.reached;
        // The intent is on disk before the request left.
        const before = await readJournal(path);
        expect(before.records.filter((r) => r.type === 'intent').length).toBeGreaterThan(0);
        process.kill(child.pid, 'SIGKILL');
        held.drop();
      } else {
        await until(() => killedAt, 'the write to reach the simulator', 60_000);
      }
      off();
      await pty.exited(20_000).catch(() => undefined);
      expect(op.applied(t)).toBe(phase !== 'before the request');

      // A kill can also land mid-line: tear the last line too, as such a death would leave it.
      appendFileSync(path, '{"time":"2026-01-01T00:00:00.000Z","type":"result","id":');
      // The journal parses (the torn last line tolerated) and shows the change in flight.
      const after = await readJournal(path);
      expect(after.skipped).toBe(0);
      expect(after.tornTail).toBe(true);
      const intents = after.records.filter((r) => r.type === 'intent');
      const results = after.records.filter((r) => r.type === 'result');
      // At least one change is in flight: an intent without its result.
      expect(intents.length).toBeGreaterThan(results.length);

      // The next session offers it, re-inspects the step, and reports the real state.
      const next = await session(t.file, {}, state);
      try {
        const offer = await until(() => next.store.getState().resume, 'the resume offer');
        expect(offer.intents.map((i) => i.step)).toContain(op.step);
        await next.running.answerResume({
          kind: 'open',
          step: op.step,
          intents: offer.intents.filter((i) => i.step === op.step),
        });
        await until(
          () => next.store.getState().steps[op.step].kind !== 'running',
          're-inspection',
          60_000,
        );
        const s = next.store.getState();
        expect(s.steps[op.step].kind).not.toBe('unavailable');
        op.reported(
          t,
          {
            view: JSON.stringify([s.stepViews[op.step], s.stepStates[op.step]]),
            stepState: s.stepStates[op.step],
          },
          op.applied(t),
        );
      } finally {
        await next.running.stop();
      }
      // Resuming changed nothing by itself.
      expect(
        t.sim.log
          .writes()
          .filter(
            (w) => w.status !== 0 && !op.write(w.method, w.path, new URLSearchParams(w.query)),
          ),
      ).toEqual([]);
    },
    180_000,
  );
});
