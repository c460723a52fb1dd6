// The fleet step's stop of the update run it follows is an abort: it plans nothing on what the
// step saw, it only stops what runs. A look failing while the run goes on withdraws the step's
// changes (a new run, a skip), but not the stop.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { until } from '../helpers/until.js';
import { fleetPlanned } from './fleet-planned.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('fleet step: a look failing while an update run is followed', () => {
  it('keeps the stop on offer, and the stop is sent', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 60 });
    const s = await fleetPlanned(sim, 'fleet-stop-stale');
    const action = (key: string) => s.view().actions?.find((a) => a.key === key);
    const started = s.host.send('fleet', { type: 'action', key: 's' });
    await until(() => s.store.getState().confirmation, 'the start question');
    s.store.answer(true);
    await until(() => s.view().progress?.length, 'the run followed', 30_000);
    // A look while it is followed lists the run as running: the stop is offered.
    await s.host.send('fleet', { type: 'action', key: 'r' });
    expect(action('x')?.unavailable).toBeUndefined();
    // Every ARM read but the followed run's fails from now on: the look again fails.
    let armed = true;
    const held = sim.hold(
      (method, path) => armed && method === 'GET' && !/\/updateRuns\/[^/]+$/.test(path),
    );
    held.drop();
    await s.host.send('fleet', { type: 'action', key: 'r' });
    armed = false;
    expect(s.view().summary?.[0]).toMatch(/^▲ STALE:/);
    expect(action('x')?.unavailable).toBeUndefined();

    const stopped = s.host.send('fleet', { type: 'action', key: 'x' });
    const asked = await until(() => s.store.getState().confirmation, 'the stop question');
    expect(asked.change).toMatch(/^stop update run /);
    s.store.answer(true);
    await stopped;
    const stops = sim.log.writes().filter((w) => w.method === 'POST' && w.path.endsWith('/stop'));
    expect(stops).toHaveLength(1);
    await s.host.stop();
    await started;
  }, 90_000);
});
