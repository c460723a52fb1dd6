// The fleet run's typed confirmation names the fleet through `visible`: a fleet name carrying a
// terminal escape is shown as an escape in the question, never sent to the terminal raw.
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/sim/scenario.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('fleet run confirmation with a hostile fleet name', () => {
  it('asks with the name shown as escapes, and a wrong answer changes nothing', async () => {
    const scenario = await loadScenario('fleet');
    scenario.fleets![0]!.name = 'fleet\u001b[2J-x';
    sim = await startSimulator({ scenario, speed: 6000 });
    const h = fleetHarness(sim, { AKS_RUNBOOK_RETRY_WAIT_MAX: '0.01' });
    const ran = await h.run(['run', 'start', '-n', 'r1', '--kubernetes-version', '1.31.8'], {
      answers: ['no'],
    });
    expect(ran.asked).toHaveLength(1);
    expect(ran.asked[0]).toContain('Type the fleet name (fleet\\x1b[2J-x)');
    expect(ran.asked[0]).not.toContain('\u001b');
    expect(writesOf(sim)).toBe(0);
  }, 60_000);
});
