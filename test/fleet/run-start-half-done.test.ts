// `fleet run start` sends two changes: the run's create, then its start. When the create went
// through and the start was refused, the one line says both: the run exists now, not started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness } from './fleet-harness.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    scenario: 'fleet',
    speed: 6000,
    faults: { api: 'arm', armBusy: 1, methods: ['POST'], pathPattern: '/updateRuns/[^/]+/start$' },
  });
});
afterAll(async () => {
  await sim.close();
});

describe('fleet run start: created, then the start refused', () => {
  it('says the run was created and not started, and how to start it', async () => {
    const ran = await fleetHarness(sim).run([
      'run',
      'start',
      '-n',
      'half',
      '--kubernetes-version',
      '1.31.8',
      '--confirm',
      'fleet-contoso',
    ]);
    expect(ran.code).toBe(2);
    expect(ran.err.trim().split('\n')).toHaveLength(1);
    expect(ran.err).toMatch(/update run half was created but not started/);
    expect(ran.err).toMatch(/fleet run start -n half/);
  }, 60_000);
});
