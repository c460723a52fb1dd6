// What a stale step shows, in the orders looks and answers can come in: a failed look's line is
// not lost to a result shown after it, nor left once a look works; looks ending out of order.
import { describe, expect, it } from 'vitest';
import { STALE_STATUS } from '../../src/steps/lifecycle/stale.js';
import { until } from '../helpers/until.js';
import { setup } from './flag-retry-step.js';

describe('a stale step shows', () => {
  it('Esc while asked, as a look fails: cancelled, and the failed look still said', async () => {
    const { store, world, host, view, notes } = await setup();
    await host.open('api-access');
    const sent = host.send('api-access', { type: 'action', key: 'e' });
    await until(() => store.getState().confirmation, 'the question');
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    store.answer(false);
    await sent;
    expect(world.writes).toBe(0);
    expect(view().result).toEqual([
      'Cancelled: nothing was changed.',
      '',
      '✖ the cluster did not answer',
    ]);
    // Failing again replaces only the failed look's line.
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    expect(view().result).toEqual([
      'Cancelled: nothing was changed.',
      '',
      '✖ the cluster did not answer',
    ]);
    await notes();
  });

  it('a look that works after looks failed: their lines go, what was shown before stays', async () => {
    const { world, view, press, failedChange, close } = await setup();
    await failedChange();
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    await press('r');
    expect(view().result).toEqual(['✖ the write failed', '', '✖ the cluster did not answer']);
    world.lookFails = false;
    await press('r');
    expect(view().result).toEqual(['✖ the write failed']);
    await close();
  });

  it('a key whose look fails: its result stays, the look said once under it', async () => {
    const { world, host, view, press, close } = await setup();
    await host.open('api-access');
    await press('a');
    expect(view().result).toEqual(['✔ Already in place: nothing was sent.']);
    world.lookFails = true;
    // The host once said the look's error again, as the whole result.
    await press('a');
    expect(view().result).toEqual([
      '✔ Already in place: nothing was sent.',
      '',
      '✖ the cluster did not answer',
    ]);
    await close();
  });

  it('opening a step that looks on every open, as that look fails: its result stays', async () => {
    const { world, host, view, press, close } = await setup({ lookOnEveryOpen: true });
    await host.open('api-access');
    await press('a');
    world.lookFails = true;
    // The host once said the look's error again, as the whole result.
    await host.open('api-access');
    expect(view().result).toEqual([
      '✔ Already in place: nothing was sent.',
      '',
      '✖ the cluster did not answer',
    ]);
    await close();
  });

  it('two looks failing and an older one working after them: still stale', async () => {
    const { store, world, host, view, close } = await setup();
    await host.open('api-access');
    // An older look reads, then waits; two newer looks fail.
    let answer = (): void => undefined;
    world.gate = new Promise<void>((resolve) => (answer = resolve));
    const older = world.session!.look();
    await until(() => world.gate === undefined, 'the older look to begin');
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    world.lookFails = false;
    answer();
    // It once showed its facts as fresh and offered the changes again.
    await expect(older).rejects.toThrow('the cluster did not answer');
    expect(view().actions?.find((a) => a.key === 'e')?.unavailable).toBe(
      'the last look failed: look again first',
    );
    expect(view().summary?.[0]).toMatch(/^▲ STALE:/);
    expect(view().result).toEqual(['✖ the cluster did not answer']);
    expect(store.getState().steps['api-access']).toEqual({
      kind: 'unavailable',
      why: STALE_STATUS,
    });
    await close();
  });
});
