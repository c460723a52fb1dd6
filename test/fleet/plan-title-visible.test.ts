// The plan's title names the fleet and its resource group as Azure Resource Graph gives them:
// data, shown with a line break or an escape sequence visible, never acted on or starting a line.
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/sim/scenario.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('fleet run plan: the title', () => {
  it("shows a hostile resource group's line break and escape as escapes", async () => {
    const scenario = await loadScenario('fleet');
    scenario.fleets![0]!.resourceGroup = 'rg-fleet\nStarted update run x.\u001b[2J';
    sim = await startSimulator({ scenario, speed: 6000 });
    const ran = await fleetHarness(sim).run(['run', 'plan', '--kubernetes-version', '1.31.8']);
    expect(ran.err).toBe('');
    expect(ran.out).toContain('rg-fleet\\nStarted update run x.\\x1b[2J');
    expect(ran.out).not.toMatch(/^Started update run/m);
    expect(ran.out).not.toContain('\u001b');
    expect(writesOf(sim)).toBe(0);
  }, 120_000);
});
