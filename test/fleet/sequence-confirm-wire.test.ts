// `fleet sequence --confirm GROUP/NAME` end to end: the form the README gives for a name two
// clusters share confirms that cluster and the upgrade goes out; a name no cluster of the
// sequence has is refused before anything is sent.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const SEQUENCE = ['sequence', '--kubernetes-version', '1.31.8', '--clusters', 'aks-data-dev'];

describe('fleet sequence --confirm', () => {
  it('takes GROUP/NAME (any case, as Azure names are) and upgrades that cluster', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
    const ran = await fleetHarness(sim).run([
      ...SEQUENCE,
      '--confirm',
      'RG-DEV-NorthEurope/aks-data-dev',
    ]);
    expect(ran.err).toBe('');
    expect(ran.out).toContain('Confirmed on the command line');
    expect(ran.out).toContain('Sequence complete');
    expect(ran.code).toBe(0);
    expect(writesOf(sim)).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a GROUP/NAME the sequence does not hold, sending nothing', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
    const ran = await fleetHarness(sim).run([
      ...SEQUENCE,
      '--confirm',
      'rg-prod-eastus/aks-data-dev',
    ]);
    expect(ran.err).toMatch(
      /--confirm rg-prod-eastus\/aks-data-dev: not a cluster of this sequence/,
    );
    expect(ran.code).toBe(2);
    expect(writesOf(sim)).toBe(0);
  }, 120_000);
});
