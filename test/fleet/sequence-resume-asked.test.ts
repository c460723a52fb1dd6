// An unfinished sequence of the same change is picked up by running the same command again; a
// command naming other clusters (--clusters) is not that command: it is refused in one line
// naming the unfinished one and --new, never silently turned into the old order.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const TO = ['--kubernetes-version', '1.31.8'];

describe('fleet sequence: an unfinished sequence and other --clusters', () => {
  it('refuses, naming the unfinished order and --new; the same --clusters picks it up', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
    const fleet = fleetHarness(sim);
    // Begun, then not confirmed at aks-data-dev: the journal holds an unfinished sequence.
    const first = await fleet.run(['sequence', ...TO, '--clusters', 'aks-data-dev'], {
      answers: [''],
    });
    expect(first.code).toBe(1);
    const other = await fleet.run([
      'sequence',
      ...TO,
      '--clusters',
      'aks-legacy-prod',
      '--read-only',
    ]);
    expect(other.err).toMatch(
      /an unfinished sequence of this change .* holds aks-data-dev: run it without --clusters .* or add --new/,
    );
    expect(other.out).not.toContain('aks-data-dev (');
    expect(other.code).toBe(2);
    const same = await fleet.run(['sequence', ...TO, '--clusters', 'aks-data-dev', '--read-only']);
    expect(same.out).toContain('in the order of the sequence begun');
    expect(same.code).toBe(0);
    expect(writesOf(sim)).toBe(0);
  }, 120_000);
});
