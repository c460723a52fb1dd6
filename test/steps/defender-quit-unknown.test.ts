// Quitting while the PUT that enables Defender is followed: ARM accepted it and goes on with it;
// only the watch stopped. The journal must say its outcome is unknown (the next session is told),
// never 'failed' as if Azure had refused it.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeDefenderStep } from '../../src/steps/defender/index.js';
import { connectToSim, hostFor, until, DEMO_WORKSPACE } from '../helpers/sim-session.js';

const WORKSPACE = DEMO_WORKSPACE;

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('quitting while the Defender PUT runs', () => {
  it('journals the PUT with outcome unknown', async () => {
    sim = await startSimulator({ scenario: 'demo', speed: 0.001 });
    const connection = await connectToSim(sim);
    const s = await hostFor(connection, { defender: makeDefenderStep({ pollMs: 5 }) });
    await s.host.open('defender');
    // ARM requires a workspace to enable Defender: one is given first.
    await s.host.send('defender', { type: 'workspace', id: WORKSPACE });
    const sent = s.host.send('defender', { type: 'action', key: 'e' });
    await until(() => s.store.getState().confirmation, 'the confirmation');
    s.store.answer(true);
    await until(
      () =>
        s.store
          .getState()
          .stepViews.defender?.progress?.some((l) => l.startsWith('Azure operation')),
      'the PUT accepted and followed',
    );
    await s.host.stop();
    await sent;
    expect(s.journalLines().find((r) => r['type'] === 'result')).toMatchObject({
      outcome: 'unknown',
    });
    await s.close();
  });
});
