// A Fleet Manager call that gets no answer says what could not be done in the shared words, never
// the client's text ("ECONNRESET: socket hang up") under "Azure refused or failed".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness } from './fleet-harness.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    scenario: 'fleet',
    speed: 6000,
    faults: { api: 'arm', reset: 1, pathPattern: '/updateRuns/[^/]+$' },
  });
});
afterAll(async () => {
  await sim.close();
});

describe('fleet run start, Fleet Manager unreachable', () => {
  it('one line in the shared words', async () => {
    const { run } = fleetHarness(sim, { AKS_RUNBOOK_RETRY_WAIT_MAX: '0.01' });
    const ran = await run([
      'run',
      'start',
      '-n',
      'cut-off',
      '--kubernetes-version',
      '1.31.8',
      '--confirm',
      'fleet-contoso',
    ]);
    expect(ran.code).toBe(2);
    const said = ran.out + ran.err;
    expect(said).toMatch(
      /cannot reach Azure Resource Manager while trying to \S+ update run cut-off; check the address, the network/,
    );
    expect(said).not.toMatch(/socket hang up|ECONNRESET|Azure refused or failed/);
  }, 60_000);
});
