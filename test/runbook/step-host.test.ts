import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FaultError, stampKind } from '../../src/model/errors.js';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { type SessionMode } from '../../src/model/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import { defineStep } from '../../src/steps/lifecycle/define.js';
import { NOT_VERIFIED_STATUS } from '../../src/steps/lifecycle/run-change.js';
import { STALE_STATUS } from '../../src/steps/lifecycle/stale.js';
import { type StepSession } from '../../src/steps/lifecycle/step-session.js';
import type { Connection } from '../../src/model/connection.js';
import type { StepEvents, StepModules } from '../../src/steps/registry-types.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';

/** The flag step's cluster: the flag, how often it was set, whether a look fails now. */
interface World {
  flag: boolean;
  runs: number;
  lookFails?: boolean;
  /** What a failing look throws instead (a raw client error). */
  lookError?: unknown;
  /** The API refuses the write: nothing is changed. */
  refuses?: boolean;
  /** The write is accepted but does not take: the flag stays off. */
  ignores?: boolean;
  /** The next look reads the flag, then waits for this before it answers. */
  gate?: Promise<void>;
  /** The action reads this before it asks (as a lock or a preflight would), then clears it. */
  readFirst?: Promise<void>;
  /** The step's session, for a look the step starts itself (as one that follows the cluster). */
  session?: StepSession<{ flag: boolean }, undefined>;
}

// A hand-written step: one flag to look at, one action that sets it.
function flagStep(world: World) {
  return defineStep<{ flag: boolean }, undefined, { type: 'strategy'; text: string }>({
    id: 'api-access',
    inspect: async () => {
      const flag = world.flag;
      const gate = world.gate;
      world.gate = undefined;
      await gate;
      if (world.lookError) throw world.lookError as Error;
      if (world.lookFails) throw new FaultError('unreachable', 'the cluster did not answer');
      return {
        facts: { flag },
        summary: [`flag is ${flag ? 'on' : 'off'}`],
        findings: flag
          ? []
          : [{ id: 'rights.test-flag-off', severity: 'high', message: 'the flag is off' }],
      };
    },
    follow: (s) => {
      world.session = s;
    },
    initial: undefined,
    actions: (s) => [
      {
        key: 'e',
        label: 'Turn the flag on',
        unavailable: s.facts?.flag ? 'already on' : undefined,
        run: (run) => setFlag(world, run),
      },
    ],
    // A change started by a screen event (as the fleet step's strategy line starts one).
    on: { strategy: (_event, run) => setFlag(world, run) },
  });
}

/** The flag step's change: sets the flag, after the operator's yes. */
async function setFlag(world: World, run: StepSession<{ flag: boolean }, undefined>) {
  const first = world.readFirst;
  await first;
  world.readFirst = undefined;
  await run.change({
    wire: 'kube',
    what: 'flag change',
    plan: ['set the flag to true'],
    dryRun: ['Dry run: the flag was not set.'],
    confirm: {
      cluster: run.ctx.cluster,
      change: 'set the flag to true',
      typed: run.ctx.cluster,
    },
    run: async (progress) => {
      if (world.refuses) return 'refused';
      await run.ctx.journal.mutation(
        { step: 'api-access', action: 'set flag', target: 'flag' },
        () => {
          world.runs++;
          world.flag = !world.ignores;
          return Promise.resolve();
        },
      );
      progress('flag set');
      return 'sent';
    },
    done: (outcome, facts) =>
      outcome === 'refused'
        ? { result: ['✖ the API server refused the write'] }
        : {
            result: [
              facts
                ? facts.flag
                  ? 'the flag is on'
                  : '✖ the flag is still off'
                : 'the flag was set',
            ],
            changed: 'Turn the flag on',
          },
  });
}

/**
 * Turns the flag on, answered yes once asked, with every look failing from then on (the cluster
 * stopped answering between the confirmation and the look that verifies the change).
 */
async function changeWhileLooksFail({
  store,
  world,
  host,
}: Pick<Awaited<ReturnType<typeof setup>>, 'store' | 'world' | 'host'>): Promise<void> {
  const sent = host.send('api-access', { type: 'action', key: 'e' });
  await Promise.resolve();
  world.lookFails = true;
  store.answer(true);
  await sent;
}

async function setup(mode: Partial<SessionMode> = {}) {
  const fullMode = { readOnly: false, dryRun: false, demo: true, ...mode };
  const store = new SessionStore(fullMode);
  const journal = await Journal.open({
    cluster: 'aks-one',
    mode: fullMode,
    env: {},
    dir: tempDir('host-'),
  });
  const world: World = { flag: false, runs: 0 };
  const connection = {
    summary: { name: 'aks-one' },
    kubeServer: 'https://127.0.0.1:6443',
  } as Connection;
  const host = new StepHost({
    store,
    connection,
    journal,
    // The flag step also takes a screen event the api-access step has not: typed as that step.
    steps: { 'api-access': flagStep(world) as unknown as StepModules['api-access'] },
  });
  return { store, journal, world, host };
}

describe('running a step', () => {
  it('inspects on open, then plans, confirms, runs, journals and verifies', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    expect(store.getState().steps['api-access']).toEqual({ kind: 'findings', count: 1 });
    expect(store.getState().stepViews['api-access']?.actions).toEqual([
      { key: 'e', label: 'Turn the flag on', unavailable: undefined },
    ]);

    const sent = host.send('api-access', { type: 'action', key: 'e' });
    await Promise.resolve();
    expect(store.getState().stepViews['api-access']?.plan).toEqual(['set the flag to true']);
    expect(store.getState().confirmation).toMatchObject({ cluster: 'aks-one', typed: 'aks-one' });
    expect(world.runs).toBe(0);
    store.answer(true);
    await sent;

    expect(world.runs).toBe(1);
    const view = store.getState().stepViews['api-access']!;
    expect(view.findings).toEqual([]);
    expect(view.result).toEqual(['the flag is on']);
    expect(view.progress).toEqual(['flag set']);
    expect(store.getState().steps['api-access']).toEqual({
      kind: 'changed',
      what: 'Turn the flag on',
    });
    expect(store.getState().busy).toBe(false);
    await host.stop();
    await journal.close();
    const types = readFileSync(journal.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { type: string }).type);
    // A findings note after each inspection: before the change and after its verification.
    expect(types).toEqual(['session', 'note', 'confirmation', 'intent', 'result', 'note']);
  });

  it('a look again that fails says what could not be reached, in the words of every failure line', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    // What the Kubernetes client throws when the server is gone, stamped at the wire.
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), {
      code: 'ECONNREFUSED',
    });
    world.lookError = stampKind(new TypeError('fetch failed', { cause: refused }), 'unreachable');
    // A look that follows the cluster (a watch event), then l.
    await expect(world.session!.look()).rejects.toThrow('fetch failed');
    await host.send('api-access', { type: 'action', key: 'l' });
    const result = store.getState().stepViews['api-access']!.result!;
    expect(result).toHaveLength(1);
    expect(result[0]).toMatch(/^✖ cannot reach the API server at https:\/\/127\.0\.0\.1:6443/);
    expect(result[0]).not.toContain('fetch failed');
    await journal.close();
  });

  it('changes nothing when the operator cancels', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    const sent = host.send('api-access', { type: 'action', key: 'e' });
    await Promise.resolve();
    store.answer(false);
    await sent;
    expect(world.runs).toBe(0);
    expect(store.getState().stepViews['api-access']?.result).toEqual([
      'Cancelled: nothing was changed.',
    ]);
    await journal.close();
  });

  it('a change whose verifying look fails: its lines stay, not verified, l looks again and verifies', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    await changeWhileLooksFail({ store, world, host });
    expect(world.runs).toBe(1);
    const view = () => store.getState().stepViews['api-access']!;
    expect(view().progress).toEqual(['flag set']);
    expect(view().result).toEqual([
      'the flag was set',
      '▲ Done, NOT verified. Press l to look again: the cluster was not read back after the change.',
      '  The look after the change failed: the cluster did not answer',
    ]);
    expect(store.getState().steps['api-access']).toEqual({
      kind: 'unavailable',
      why: 'changed, not verified',
    });
    // A stale step with no look-again of its own is offered one; its change is withdrawn.
    expect(view().actions).toEqual([
      {
        key: 'e',
        label: 'Turn the flag on',
        unavailable: 'the last look failed: look again first',
      },
      { key: 'l', label: 'Look again' },
    ]);
    const notes = () =>
      readFileSync(journal.path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.type === 'note' && /verif/.test(String(l.message)));
    expect(notes()).toEqual([
      expect.objectContaining({
        message: 'verification not done: flag change',
        detail: { verified: false, why: 'the cluster did not answer' },
      }),
    ]);

    // Another look that fails (l again, or one that follows the cluster) keeps the change on
    // screen and its status: it adds its own failure under them.
    await host.send('api-access', { type: 'action', key: 'l' }).catch(() => undefined);
    expect(view().result).toEqual([
      'the flag was set',
      '▲ Done, NOT verified. Press l to look again: the cluster was not read back after the change.',
      '  The look after the change failed: the cluster did not answer',
      '✖ the cluster did not answer',
    ]);
    expect(store.getState().steps['api-access']).toEqual({
      kind: 'unavailable',
      why: 'changed, not verified',
    });

    world.lookFails = false;
    await host.send('api-access', { type: 'action', key: 'l' });
    expect(view().result).toEqual(['the flag is on']);
    expect(store.getState().steps['api-access']).toEqual({
      kind: 'changed',
      what: 'Turn the flag on',
    });
    expect(view().actions?.map((a) => a.key)).toEqual(['e']);
    await journal.close();
    expect(notes().map((n) => n.message)).toEqual([
      'verification not done: flag change',
      'verified by a later look: flag change',
    ]);
  });

  it('a change that changed nothing (refused) whose look fails: only that the look failed, no verification', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    world.refuses = true;
    await changeWhileLooksFail({ store, world, host });
    expect(world.runs).toBe(0);
    const view = () => store.getState().stepViews['api-access']!;
    expect(view().result).toEqual([
      '✖ the API server refused the write',
      '▲ The look after it failed: the cluster did not answer',
    ]);
    expect(store.getState().steps['api-access']).toEqual({
      kind: 'unavailable',
      why: STALE_STATUS,
    });
    world.lookFails = false;
    await host.send('api-access', { type: 'action', key: 'l' });
    expect(store.getState().steps['api-access']).toEqual({ kind: 'findings', count: 1 });
    await journal.close();
    expect(verificationNotes(journal.path)).toEqual([]);
  });

  it('a later look that shows the change did not take: journaled as not verified, status from the look', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    world.ignores = true;
    await changeWhileLooksFail({ store, world, host });
    const view = () => store.getState().stepViews['api-access']!;
    expect(view().result?.[1]).toMatch(/^▲ Done, NOT verified/);

    world.lookFails = false;
    await host.send('api-access', { type: 'action', key: 'l' });
    expect(view().result).toEqual(['✖ the flag is still off']);
    expect(store.getState().steps['api-access']).toEqual({ kind: 'findings', count: 1 });
    await journal.close();
    expect(verificationNotes(journal.path)).toEqual([
      expect.objectContaining({ message: 'verification not done: flag change' }),
      expect.objectContaining({
        message: 'not verified by a later look: flag change',
        detail: { verified: false, result: ['✖ the flag is still off'] },
      }),
    ]);
  });

  it('a look begun before the change and ended after its verifying look failed verifies nothing', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    // A look the step started itself (following the cluster) reads the flag, then waits.
    let answer = (): void => undefined;
    world.gate = new Promise<void>((resolve) => (answer = resolve));
    const early = world.session!.look();
    await changeWhileLooksFail({ store, world, host });
    expect(world.flag).toBe(true);
    const view = () => store.getState().stepViews['api-access']!;
    const notVerified = view().result;
    expect(notVerified?.[1]).toMatch(
      /^▲ Done, NOT verified\. Press l to look again: the cluster was not read back/,
    );

    // The early look answers now, with the flag as it was before the change.
    world.lookFails = false;
    answer();
    await early;
    expect(view().result).toEqual(notVerified);
    expect(store.getState().steps['api-access']).toEqual(NOT_VERIFIED_STATUS);
    expect(view().actions?.map((a) => a.key)).toEqual(['e', 'l']);

    await host.send('api-access', { type: 'action', key: 'l' });
    expect(view().result).toEqual(['the flag is on']);
    expect(store.getState().steps['api-access']).toEqual({
      kind: 'changed',
      what: 'Turn the flag on',
    });
    await journal.close();
    expect(verificationNotes(journal.path).map((n) => n.message)).toEqual([
      'verification not done: flag change',
      'verified by a later look: flag change',
    ]);
  });

  it('a look begun before the change that answers after its verifying look worked is not shown', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    let answer = (): void => undefined;
    world.gate = new Promise<void>((resolve) => (answer = resolve));
    const early = world.session!.look();
    const sent = host.send('api-access', { type: 'action', key: 'e' });
    await Promise.resolve();
    store.answer(true);
    await sent;
    const view = () => store.getState().stepViews['api-access']!;
    expect(view().result).toEqual(['the flag is on']);
    const verified = store.getState().steps['api-access'];
    expect(verified).toEqual({ kind: 'changed', what: 'Turn the flag on' });

    // The early look answers now, with the flag as it was before the change: the screen keeps
    // what the verifying look read.
    answer();
    await early;
    expect(view().summary).toContain('flag is on');
    expect(view().findings ?? []).toEqual([]);
    expect(store.getState().steps['api-access']).toEqual(verified);
    await journal.close();
  });

  it('a verifying look that fails after a look begun later worked: that look verifies the change', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    // The look after the change reads the flag, then waits.
    let answer = (): void => undefined;
    world.gate = new Promise<void>((resolve) => (answer = resolve));
    const sent = host.send('api-access', { type: 'action', key: 'e' });
    await Promise.resolve();
    store.answer(true);
    await until(() => world.runs === 1 && world.gate === undefined, 'the verifying look to begin');
    // A look the step starts itself (a watch saw the change) begins after it and works.
    await world.session!.look();
    // Then the verifying look fails. It once said the change was not verified (and journaled
    // so) though a look after the change had just read it.
    world.lookFails = true;
    answer();
    await sent;
    const view = () => store.getState().stepViews['api-access']!;
    expect(view().result).toEqual(['the flag is on']);
    expect(store.getState().steps['api-access']).toEqual({
      kind: 'changed',
      what: 'Turn the flag on',
    });
    await journal.close();
    expect(verificationNotes(journal.path)).toEqual([]);
  });

  it('a look that follows the cluster failing while the operator is asked: the change is not started', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    const sent = host.send('api-access', { type: 'action', key: 'e' });
    await Promise.resolve();
    expect(store.getState().confirmation).toBeDefined();
    // While the question is open, a watch sees a change; its look fails: the step is stale and
    // says its changes are withdrawn. The yes that comes after once ran the change anyway.
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    store.answer(true);
    await sent;
    expect(world.runs).toBe(0);
    const view = () => store.getState().stepViews['api-access']!;
    expect(view().result).toEqual([
      '✖ Not started: a look failed while you were asked (the cluster did not answer); what you confirmed may no longer be true. Look again first.',
    ]);
    expect(store.getState().steps['api-access']).toEqual({
      kind: 'unavailable',
      why: STALE_STATUS,
    });
    await journal.close();
    const lines = readFileSync(journal.path, 'utf8').trim().split('\n');
    const notes = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(notes.filter((l) => l.type === 'intent')).toEqual([]);
    expect(notes).toContainEqual(
      expect.objectContaining({ type: 'note', message: 'not started: flag change' }),
    );
  });

  it('a look that follows the cluster failing after a verified change keeps the change on screen', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    const sent = host.send('api-access', { type: 'action', key: 'e' });
    await Promise.resolve();
    store.answer(true);
    await sent;
    const view = () => store.getState().stepViews['api-access']!;
    expect(view().result).toEqual(['the flag is on']);

    // The cluster stops answering; a look the step starts itself (a watch saw a change) fails.
    // It once replaced the change's lines with its own error.
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    const after = ['the flag is on', '', '✖ the cluster did not answer'];
    expect(view().result).toEqual(after);
    expect(store.getState().steps['api-access']).toEqual({
      kind: 'unavailable',
      why: STALE_STATUS,
    });
    // Failing again (that look again, or l) says it once, under the same lines.
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    await host.send('api-access', { type: 'action', key: 'l' });
    expect(view().result).toEqual(after);
    await journal.close();
  });
  it('a look again that fails after a newer look worked and was shown leaves the step fresh', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    world.lookFails = false;
    // l: its look reads the flag, then waits.
    let answer = (): void => undefined;
    world.gate = new Promise<void>((resolve) => (answer = resolve));
    const sent = host.send('api-access', { type: 'action', key: 'l' });
    await until(() => world.gate === undefined, 'the look again to begin');
    // A newer look (one that follows the cluster) works and is shown.
    await world.session!.look();
    // Then l's look fails. It once marked the step stale over the newer look's facts.
    world.lookFails = true;
    answer();
    await sent;
    const view = store.getState().stepViews['api-access']!;
    expect(view.summary).toEqual(['flag is off']);
    expect(store.getState().steps['api-access']).toEqual({ kind: 'findings', count: 1 });
    expect(view.actions).toEqual([{ key: 'e', label: 'Turn the flag on', unavailable: undefined }]);
    await journal.close();
  });

  it('a look that fails before the operator is asked (a read first): no question, not started', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    // The step reads before it asks (a lock, a preflight); a look fails meanwhile.
    let answer = (): void => undefined;
    world.readFirst = new Promise<void>((resolve) => (answer = resolve));
    const sent = host.send('api-access', { type: 'action', key: 'e' });
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    answer();
    // The question once opened on the stale step, and a yes ran the change.
    await until(
      () =>
        store.getState().confirmation !== undefined ||
        store.getState().stepViews['api-access']!.result?.[0]?.startsWith('✖ Not started') === true,
      'the question or the refusal',
    );
    if (store.getState().confirmation) store.answer(true);
    await sent;
    expect(world.runs).toBe(0);
    expect(store.getState().stepViews['api-access']!.result).toEqual([
      '✖ Not started: a look failed before you were asked (the cluster did not answer); what the change was planned on may no longer be true. Look again first.',
    ]);
    await journal.close();
  });

  it('a change started by a screen event (a fleet strategy line) on a stale step: not started', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    // It once opened the question on the stale step.
    const strategy = { type: 'strategy', text: 'one' } as unknown as StepEvents['api-access'];
    const sent = host.send('api-access', strategy);
    await Promise.resolve();
    if (store.getState().confirmation) store.answer(true);
    await sent;
    expect(store.getState().confirmation).toBeUndefined();
    expect(world.runs).toBe(0);
    expect(store.getState().stepViews['api-access']!.result?.at(-1)).toMatch(
      /^✖ Not started: the last look failed/,
    );
    await journal.close();
  });

  it('a change key on a stale step says not started under the kept result, once', async () => {
    const { store, journal, world, host } = await setup();
    await host.open('api-access');
    // A verified change on screen, then a look fails: the change's line stays.
    world.flag = false;
    const sent = host.send('api-access', { type: 'action', key: 'e' });
    await Promise.resolve();
    store.answer(true);
    await sent;
    world.flag = false;
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    const view = () => store.getState().stepViews['api-access']!;
    const stale = view().result!;
    expect(stale[0]).toBe('the flag is on');
    // e on the stale step once replaced everything with the refusal.
    const refusal =
      '✖ Not started: the last look failed (the cluster did not answer); what is shown may be stale. Look again first.';
    await host.send('api-access', { type: 'action', key: 'e' });
    expect(view().result).toEqual([...stale, '', refusal]);
    await host.send('api-access', { type: 'action', key: 'e' });
    expect(view().result).toEqual([...stale, '', refusal]);
    // A look failing again replaces what the failed looks added: the kept result, its error.
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    expect(view().result).toEqual(stale);
    await journal.close();
  });

  it('offers no action at all in read-only mode, and ignores one sent anyway', async () => {
    const { store, journal, world, host } = await setup({ readOnly: true });
    await host.open('api-access');
    expect(store.getState().stepViews['api-access']?.actions).toEqual([]);
    await host.send('api-access', { type: 'action', key: 'e' });
    expect(store.getState().confirmation).toBeUndefined();
    expect(world.runs).toBe(0);
    await journal.close();
  });

  it('shows a failed inspection on the step instead of crashing', async () => {
    const store = new SessionStore({ readOnly: false, dryRun: false, demo: true });
    const journal = await Journal.open({
      cluster: 'x',
      mode: store.getState().mode,
      env: {},
      dir: tempDir('host-'),
    });
    const broken = defineStep({
      id: 'containers',
      inspect: () => Promise.reject(new Error('the API server went away')),
      initial: undefined,
    });
    const connection = { summary: { name: 'x' } } as Connection;
    const host = new StepHost({ store, connection, journal, steps: { containers: broken } });
    await host.open('containers');
    // An error no client boundary classified is a bug, said so in the same one line.
    const line =
      'the API server went away; this is a bug in aks-runbook; please report it with the command you ran';
    expect(store.getState().steps.containers).toEqual({ kind: 'unavailable', why: line });
    expect(store.getState().stepViews.containers?.result).toEqual([`✖ ${line}`]);
    await journal.close();
  });
});

/** The journal's notes about verifying a change. */
function verificationNotes(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.type === 'note' && /verif/.test(String(l.message)));
}
