// The fleet step's look failing for want of Azure Resource Manager says so on the overview in the
// words of every failure line, not the pipeline's raw message.
import { RestError } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/model/connection.js';
import type { FleetPort } from '../../src/model/fleet-port.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeFleetStep } from '../../src/steps/fleet/index.js';
import { connectToSim, hostFor } from '../helpers/sim-session.js';

let sim: Simulator;
let connection: Connection;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
  connection = await connectToSim(sim);
});
afterAll(() => sim.close());

describe('the fleet step when ARM cannot be reached', () => {
  it('marks the step unavailable with one line saying what could not be reached', async () => {
    // What the ARM pipeline throws when the connection is refused: no status, a socket code.
    const refused = new RestError('connect ECONNREFUSED 127.0.0.1:443', {
      code: 'ECONNREFUSED',
    });
    const port = {
      look: () => Promise.reject(refused),
    } as unknown as FleetPort;
    const { store, host } = await hostFor(connection, { fleet: makeFleetStep(port) });
    const seen: string[] = [];
    store.subscribe(() => {
      const status = store.getState().steps.fleet;
      if (status?.kind === 'unavailable') seen.push(status.why);
    });
    await host.open('fleet').catch(() => undefined);
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatch(
      /^cannot reach Azure Resource Manager while trying to read the fleets; check the address/,
    );
  });
});
