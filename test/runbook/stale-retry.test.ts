// A failed change that can be tried again is retried by the step's look-again key (`r` on the
// upgrades and node-image steps: `retryOrLook`). That key is a change key then: it never starts
// the change on facts a failed look made stale, before or since the key.
import { describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { setup } from './flag-retry-step.js';

describe('retrying a failed change with the look-again key', () => {
  it('on a fresh step: says it retries, asks, runs the change again', async () => {
    const { world, view, press, failedChange, close } = await setup();
    await failedChange();
    // Its own label says it looks again; while it would retry, the actions say so.
    const r = () => view().actions?.find((a) => a.key === 'r');
    expect(r()).toEqual({ key: 'r', label: 'Retry the failed flag change (asks first)' });
    await press('r');
    expect(r()).toEqual({ key: 'r', label: 'Look again' });
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
    expect(view().actions?.find((a) => a.key === 'r')).toEqual({ key: 'r', label: 'Look again' });
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
