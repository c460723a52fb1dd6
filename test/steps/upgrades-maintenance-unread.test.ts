// The planned maintenance windows that ARM would not give: the upgrades step says why in the
// shared words (what could not be read, what to do), never ARM's bare first line.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS } from '../../src/model/bounds.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { connectToSim, hostFor } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('upgrades step, maintenance configurations unreadable', () => {
  it('says what could not be read and what to do', async () => {
    sim = await startSimulator({
      scenario: 'minimal',
      speed: 600,
      faults: { api: 'arm', serverError: 1, pathPattern: '/maintenanceConfigurations$' },
    });
    const connection = await connectToSim(sim, {
      bounds: { ...DEFAULT_BOUNDS, retryWaitMaxMs: 20 },
    });
    const s = await hostFor(connection, { upgrades: makeUpgradesStep() });
    await s.host.open('upgrades');
    const said = JSON.stringify(s.store.getState().stepViews.upgrades);
    expect(said).toContain(
      'Planned maintenance: could not read (Azure Resource Manager failed (500 InternalServerError) while trying to read the planned maintenance configurations; the server failed; run again later, or check the service health)',
    );
  });
});
