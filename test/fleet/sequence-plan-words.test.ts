// `fleet sequence` prints the same plan table as `fleet run plan`, but there is no update run to
// skip a member of: a blocked cluster's advice is the sequence's own (leave it out), and the
// title, built from names Azure gives, is shown with its control characters visible.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('fleet sequence: the plan', () => {
  it('advises leaving a blocked cluster out, not skipping it in a run', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
    const ran = await fleetHarness(sim).run([
      'sequence',
      '--kubernetes-version',
      '1.31.8',
      '--read-only',
    ]);
    expect(ran.out).toMatch(/1 cluster blocked: the sequence would stop there/);
    expect(ran.out).toContain('--clusters');
    expect(ran.out).not.toContain('fleet run skip');
    expect(writesOf(sim)).toBe(0);
  }, 120_000);
});
