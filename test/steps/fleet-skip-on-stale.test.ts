// The fleet step's skips may be asked while an update run is followed (`whileBusy`), but unlike
// the stop they act on what the step saw: the member, group or stage the run does next. A look
// failing while a skip's question is open withdraws it, so a yes sends nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { until } from '../helpers/until.js';
import { fleetPlanned } from './fleet-planned.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('fleet step: a look failing while a skip is asked', () => {
  it('withdraws the skip: a yes sends no skip request', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 60 });
    const s = await fleetPlanned(sim, 'fleet-skip-stale');
    const started = s.host.send('fleet', { type: 'action', key: 's' });
    await until(() => s.store.getState().confirmation, 'the start question');
    s.store.answer(true);
    await until(() => s.view().progress?.length, 'the run followed', 30_000);
    const skip = await until(
      () => s.view().actions?.find((a) => a.key === 'm' && !a.unavailable),
      'the skip offered',
      30_000,
    );

    // A look hangs on every ARM read but the followed run's, then fails once the skip is asked.
    let armed = true;
    const held = sim.hold(
      (method, path) => armed && method === 'GET' && !/\/updateRuns\/[^/]+$/.test(path),
    );
    const look = s.host.send('fleet', { type: 'action', key: 'r' });
    await held.reached;
    const skipped = s.host.send('fleet', { type: 'action', key: skip.key });
    const asked = await until(() => s.store.getState().confirmation, 'the skip question');
    expect(asked.change).toMatch(/^skip /);
    held.drop();
    await look;
    armed = false;
    expect(s.view().summary?.[0]).toMatch(/^▲ STALE:/);
    s.store.answer(true);
    await skipped;
    const skips = sim.log.writes().filter((w) => w.method === 'POST' && w.path.endsWith('/skip'));
    expect(skips).toEqual([]);
    await s.host.stop();
    await started;
  }, 90_000);
});
