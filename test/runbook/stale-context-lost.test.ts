import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { until } from '../helpers/until.js';
import { setup } from './flag-retry-step.js';

// A key's count of failed looks is kept in its async context. An event emitter calls its
// listeners in the emitter's context, not the one they were added in: a change started from
// such a callback has lost its key's count. It must then fail safe (a stale step starts nothing),
// never judge itself from the count of now and go ahead on facts a failed look made stale.
describe('a change whose key context was lost on the way (an emitter callback)', () => {
  it('is not asked and sends nothing when a look failed after its key', async () => {
    const { store, world, host, view, close } = await setup();
    await host.open('api-access');
    world.eVia = new EventEmitter();
    const e = host.send('api-access', { type: 'action', key: 'e' });
    await until(() => world.eVia!.listenerCount('go') === 1, 'e to wait on the emitter');
    world.lookFails = true;
    await expect(world.session!.look()).rejects.toThrow('the cluster did not answer');
    world.lookFails = false;
    world.eVia.emit('go');
    await until(
      () => store.getState().confirmation !== undefined || view().result?.[0]?.startsWith('✖ Not'),
      'the question or the refusal',
    );
    const asked = store.getState().confirmation !== undefined;
    if (asked) store.answer(true);
    await e;
    expect(asked).toBe(false);
    expect(world.writes).toBe(0);
    expect(view().result?.[0]).toMatch(/^✖ Not started/);
    await close();
  });
});
