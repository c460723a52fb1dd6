// A step whose look again fails (the cluster is gone) says what it shows is stale and withdraws
// its changes: no confirmation opens on stale facts.
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/sim/simulator.js';
import { makeDefenderStep } from '../../src/steps/defender/index.js';
import { connectToSim, hostFor, DEMO_WORKSPACE } from '../helpers/sim-session.js';

const WORKSPACE = DEMO_WORKSPACE;

describe('a step that cannot look again', () => {
  it('marks its findings stale, withdraws its changes and opens no confirmation', async () => {
    const sim = await startSimulator({ scenario: 'demo', speed: 2000 });
    const connection = await connectToSim(sim);
    const { store, host, close } = await hostFor(connection, {
      defender: makeDefenderStep({ pollMs: 5 }),
    });
    try {
      await host.open('defender');
      const view = () => store.getState().stepViews.defender!;
      // With a workspace given (ARM requires one), the change is offered.
      await host.send('defender', { type: 'workspace', id: WORKSPACE });
      expect(view().actions?.find((a) => a.key === 'e')?.unavailable).toBeUndefined();
      await sim.close(); // the simulator stopped: nothing answers any more
      // Entering a workspace looks again; that look fails.
      await host.send('defender', { type: 'workspace', id: WORKSPACE });
      expect(store.getState().steps.defender.kind).toBe('unavailable');
      expect(view().summary?.[0]).toMatch(/^▲ STALE: what follows is from the last look/);
      expect(view().findings?.map((f) => f.id)).toEqual(['defender.disabled']);
      expect(view().actions?.find((a) => a.key === 'e')?.unavailable).toBe(
        'the last look failed: look again first',
      );
      const failed = view().result!;
      await host.send('defender', { type: 'action', key: 'e' });
      expect(store.getState().confirmation).toBeUndefined();
      // Said under the failed look's line, which stays.
      expect(view().result?.slice(0, failed.length)).toEqual(failed);
      expect(view().result?.at(-1)).toMatch(/^✖ Not started: the last look failed/);
    } finally {
      await close();
    }
  }, 90_000);
});
