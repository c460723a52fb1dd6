// A hand-written step for the lifecycle's stale-facts tests: one flag, a change that can fail
// and be retried (`r`, as on the upgrades and node-image steps), looks that fail or wait on cue.
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { FaultError } from '../../src/model/errors.js';
import type { Connection } from '../../src/model/connection.js';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import { defineStep } from '../../src/steps/lifecycle/define.js';
import type { StepSession } from '../../src/steps/lifecycle/step-session.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';

/** The step's cluster: the flag, the writes sent, whether looks and writes fail now. */
export interface World {
  flag: boolean;
  writes: number;
  lookFails?: boolean;
  /** The next look waits for this before it answers. */
  gate?: Promise<void>;
  writeFails?: boolean;
  /** What r reads before it retries (node-image and upgrades read ARM first), then clears it. */
  readFirst?: Promise<void>;
  /** What e reads before it asks (the upgrades step reads the pool first), then clears it. */
  eReadsFirst?: Promise<void>;
  /**
   * What e waits on through an event emitter (a watch or a stream's event) before it changes:
   * the change then starts in the emitter's async context, not the key's.
   */
  eVia?: EventEmitter;
  session?: StepSession<{ flag: boolean }, undefined>;
}

type Session = StepSession<{ flag: boolean }, undefined>;

/**
 * One flag: `e` sets it (a failure can be retried), `r` looks again or retries, `o` only shows a
 * plan, `a` says it is in place and looks.
 */
function retryStep(world: World, lookOnEveryOpen: boolean) {
  return defineStep<{ flag: boolean }, undefined>({
    id: 'api-access',
    inspect: async () => {
      const gate = world.gate;
      world.gate = undefined;
      await gate;
      if (world.lookFails) throw new FaultError('unreachable', 'the cluster did not answer');
      return {
        facts: { flag: world.flag },
        summary: [`flag is ${world.flag ? 'on' : 'off'}`],
        findings: world.flag
          ? []
          : [{ id: 'rights.test-flag-off', severity: 'high' as const, message: 'the flag is off' }],
      };
    },
    follow: (s) => {
      world.session = s;
    },
    initial: undefined,
    lookOnEveryOpen,
    actions: () => [
      {
        key: 'e',
        label: 'Turn the flag on',
        run: async (run) => {
          const first = world.eReadsFirst;
          world.eReadsFirst = undefined;
          await first;
          const via = world.eVia;
          if (!via) return setFlag(world, run);
          await new Promise<void>((resolve, reject) =>
            via.once('go', () => void setFlag(world, run).then(resolve, reject)),
          );
        },
      },
      { key: 'o', label: 'Show the plan', run: (run) => run.ctx.show({ plan: ['set the flag'] }) },
      {
        // As the defender and IMDS steps do when what was asked is in place already.
        key: 'a',
        label: 'Check it is in place',
        run: async (run) => {
          run.ctx.show({ result: ['✔ Already in place: nothing was sent.'] });
          await run.look();
        },
      },
      {
        key: 'r',
        looksAgain: true,
        label: 'Look again',
        run: async (run) => {
          const first = world.readFirst;
          world.readFirst = undefined;
          await first;
          await run.retryOrLook();
        },
      },
    ],
  });
}

async function setFlag(world: World, run: Session): Promise<void> {
  await run.change({
    wire: 'kube',
    what: 'flag change',
    plan: ['set the flag to true'],
    confirm: { cluster: run.ctx.cluster, change: 'set the flag to true', typed: run.ctx.cluster },
    run: () => {
      world.writes++;
      if (world.writeFails) return Promise.resolve('failed' as const);
      world.flag = true;
      return Promise.resolve('set' as const);
    },
    done: (outcome) =>
      outcome === 'failed'
        ? { result: ['✖ the write failed'], failed: true }
        : { result: ['the flag is on'], changed: 'Turn the flag on' },
    again: () => setFlag(world, run),
  });
}

/** The step hosted; `lookOnEveryOpen` as the summary step (it looks on every open). */
export async function setup({ lookOnEveryOpen = false } = {}) {
  const mode = { readOnly: false, dryRun: false, demo: true };
  const store = new SessionStore(mode);
  const journal = await Journal.open({ cluster: 'x', mode, env: {}, dir: tempDir('retry-') });
  const world: World = { flag: false, writes: 0 };
  const connection = { summary: { name: 'x' } } as Connection;
  const host = new StepHost({
    store,
    connection,
    journal,
    steps: { 'api-access': retryStep(world, lookOnEveryOpen) },
  });
  const view = () => store.getState().stepViews['api-access']!;
  /** Sends a key; answers yes to any question it opens; resolves when the key is handled. */
  const press = async (key: string): Promise<void> => {
    const sent = host.send('api-access', { type: 'action', key });
    let done = false;
    void sent.then(
      () => (done = true),
      () => (done = true),
    );
    await until(() => done || store.getState().confirmation !== undefined, `${key} handled`);
    if (store.getState().confirmation) store.answer(true);
    await sent;
  };
  /** A change that failed (its look after it worked): r now retries it. */
  const failedChange = async (): Promise<void> => {
    await host.open('api-access');
    world.writeFails = true;
    await press('e');
    world.writeFails = false;
    expect(world.writes).toBe(1);
    expect(view().result).toEqual(['✖ the write failed']);
  };
  /** The notes the journal holds, by message. */
  const notes = async (): Promise<string[]> => {
    await journal.close();
    return readFileSync(journal.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; message?: string })
      .filter((l) => l.type === 'note')
      .map((l) => l.message ?? '');
  };
  return { store, world, host, view, press, failedChange, notes, close: () => journal.close() };
}
