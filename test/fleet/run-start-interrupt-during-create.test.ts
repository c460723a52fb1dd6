// Ctrl+C while `fleet run start` creates the update run: the run stays created, its start is not
// sent, and the command says so (how to start it) and ends 130.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('fleet run start interrupted during the create', () => {
  it('sends no start after it', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
    const ctrlC = new AbortController();
    let starts = 0;
    // Never holds: counts the start POSTs that reached the simulator.
    sim.hold((method, path) => {
      if (method === 'POST' && /\/updateRuns\/to-131\/start$/i.test(path)) starts++;
      return false;
    });
    const create = sim.hold(
      (method, path) => method === 'PUT' && /\/updateRuns\/to-131$/i.test(path),
    );
    void create.reached.then(() => {
      ctrlC.abort();
      create.release();
    });
    const ran = await fleetHarness(sim).run(
      [
        'run',
        'start',
        '-n',
        'to-131',
        '--kubernetes-version',
        '1.31.8',
        '--confirm',
        'fleet-contoso',
      ],
      { signal: ctrlC.signal },
    );
    expect(ctrlC.signal.aborted).toBe(true);
    expect(starts).toBe(0);
    expect(ran.out).toMatch(/update run to-131 was created and not started/);
    expect(ran.out).toContain('aks-runbook fleet run start -n to-131');
    expect(ran.code).toBe(130);
  }, 60_000);
});
