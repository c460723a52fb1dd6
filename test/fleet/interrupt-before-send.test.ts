// Ctrl+C while a fleet command still reads (the plan, each cluster's look), before anything was
// sent: nothing is sent after it, whatever --confirm says, and the command ends 130 saying so.
// The harness hands the command its interrupt signal; one aborted from the start stands for a
// Ctrl+C that came during the reads.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function interrupted(): AbortSignal {
  const ctrlC = new AbortController();
  ctrlC.abort();
  return ctrlC.signal;
}

describe('Ctrl+C before anything was sent', () => {
  it('fleet sequence sends no upgrade after it, --confirm or not', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
    const ran = await fleetHarness(sim).run(
      [
        'sequence',
        '--kubernetes-version',
        '1.31.8',
        '--clusters',
        'aks-data-dev',
        '--confirm',
        'aks-data-dev',
      ],
      { signal: interrupted() },
    );
    expect(writesOf(sim)).toBe(0);
    expect(ran.out).toMatch(/Interrupted before .* on aks-data-dev: nothing was sent to it/);
    expect(ran.out).not.toContain('goes on in Azure');
    expect(ran.code).toBe(130);
  }, 120_000);

  it('fleet run start creates and starts nothing after it', async () => {
    sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
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
      { signal: interrupted() },
    );
    expect(writesOf(sim)).toBe(0);
    expect(ran.out).toMatch(/Interrupted: nothing was sent/);
    expect(ran.code).toBe(130);
  }, 120_000);
});
