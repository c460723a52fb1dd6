// A failed change that can be tried again is retried by the step's look-again key (`r` on the
// upgrades and node-image steps: `retryOrLook`). That key is a change key then: it never starts
// the change on facts a failed look made stale, before or since the key.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
interface World {
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
  session?: StepSession<{ flag: boolean }, undefined>;
}

type Session = StepSession<{ flag: boolean }, undefined>;

/** One flag, `e` sets it (a failure can be retried), `r` looks again or retries, `o` only shows. */
function retryStep(world: World) {
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
    actions: () => [
      {
        key: 'e',
        label: 'Turn the flag on',
        run: async (run) => {
          const first = world.eReadsFirst;
          world.eReadsFirst = undefined;
          await first;
          await setFlag(world, run);
        },
      },
      { key: 'o', label: 'Show the plan', run: (run) => run.ctx.show({ plan: ['set the flag'] }) },
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

async function setup() {
  const mode = { readOnly: false, dryRun: false, demo: true };
  const store = new SessionStore(mode);
  const journal = await Journal.open({ cluster: 'x', mode, env: {}, dir: tempDir('retry-') });
  const world: World = { flag: false, writes: 0 };
  const connection = { summary: { name: 'x' } } as Connection;
  const host = new StepHost({
    store,
    connection,
    journal,
    steps: { 'api-access': retryStep(world) },
  });
  const view = () => store.getState().stepViews['api-access']!;
  /** Sends a key; answers yes to any question it opens; resolves when the key is handled. */
  const press = async (key: string): Promise<void> => {
    const sent = host.send('api-access', { type: 'action', key });
    let done = false;
    void sent.finally(() => (done = true));
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

describe('retrying a failed change with the look-again key', () => {
  it('on a fresh step: asks, runs the change again', async () => {
    const { world, view, press, failedChange, close } = await setup();
    await failedChange();
    await press('r');
    expect(world.writes).toBe(2);
    expect(view().result).toEqual(['the flag is on']);
    await close();
  });

  it('on a stale step: starts nothing; r looks first, says so, and once a look works r retries', async () => {
    const { store, world, host, view, press, failedChange, notes } = await setup();
    await failedChange();
    // A look that follows the cluster fails: the step is stale.
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    // It once opened the retry's question on the stale facts, and a yes sent the write again.
    await press('r');
    expect(store.getState().confirmation).toBeUndefined();
    expect(world.writes).toBe(1);
    expect(view().result?.at(-1)).toBe('✖ the cluster did not answer');
    // The look r makes instead says, while it runs, that the retry waits for a look that works.
    world.lookFails = false;
    let answer = (): void => undefined;
    world.gate = new Promise<void>((resolve) => (answer = resolve));
    const looking = host.send('api-access', { type: 'action', key: 'r' });
    await until(() => world.gate === undefined, 'the look to begin');
    expect(view().result?.at(-1)).toBe(
      '✖ Not retried: the last look failed (the cluster did not answer); what is shown may be stale. r looks again first; once a look works, r retries.',
    );
    answer();
    await looking;
    expect(store.getState().confirmation).toBeUndefined();
    expect(world.writes).toBe(1);
    expect(view().summary).toEqual(['flag is off']);
    // The step is fresh: r retries, asked first.
    await press('r');
    expect(world.writes).toBe(2);
    expect(view().result).toEqual(['the flag is on']);
    expect(await notes()).not.toContain('not started: flag change');
  });

  it('a look failing after r was taken (while it reads first): the retry is not started', async () => {
    const { world, view, press, failedChange, notes } = await setup();
    await failedChange();
    let answer = (): void => undefined;
    world.readFirst = new Promise<void>((resolve) => (answer = resolve));
    const pressed = press('r');
    await until(() => world.readFirst === undefined, 'r to read first');
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    world.lookFails = false;
    answer();
    await pressed;
    expect(world.writes).toBe(1);
    expect(view().result?.at(-1)).toMatch(/^✖ Not started: a look failed before you were asked/);
    // The retry was not lost: r looks first (the step is stale), then retries.
    await press('r');
    expect(world.writes).toBe(1);
    await press('r');
    expect(world.writes).toBe(2);
    expect(await notes()).toContain('not started: flag change');
  });
});

describe('the facts a change is planned on are those of its own key', () => {
  it('another key meanwhile (a retry, answered no) does not move when e was asked', async () => {
    const { store, world, host, view, failedChange, notes } = await setup();
    await failedChange();
    // e reads first; meanwhile r retries the failed change and is answered no.
    let read = (): void => undefined;
    world.eReadsFirst = new Promise<void>((resolve) => (read = resolve));
    const e = host.send('api-access', { type: 'action', key: 'e' });
    await until(() => world.eReadsFirst === undefined, 'e to read first');
    const r = host.send('api-access', { type: 'action', key: 'r' });
    await until(() => store.getState().confirmation, 'the retry to ask');
    store.answer(false);
    await r;
    // Then a look fails: e's facts are stale. r's change once took e's count with it, and e's
    // change, judged from when it began, asked on the stale facts and a yes sent the write.
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    world.lookFails = false;
    read();
    await until(
      () => store.getState().confirmation !== undefined || view().result?.[0]?.startsWith('✖ Not'),
      'the question or the refusal',
    );
    if (store.getState().confirmation) store.answer(true);
    await e;
    expect(world.writes).toBe(1);
    expect(view().result).toEqual([
      expect.stringMatching(/^✖ Not started: a look failed before you were asked/),
    ]);
    expect(await notes()).toContain('not started: flag change');
  });
});
