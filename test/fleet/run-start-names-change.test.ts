// `fleet run start` asks about the change it will send: the confirmation names the upgrade (type,
// version, node image), and an existing run is started again only for its own upgrade — a run
// created for one version is never started under a plan printed for another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator;
let fleet: ReturnType<typeof fleetHarness>;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
  fleet = fleetHarness(sim);
}, 60_000);
afterAll(async () => {
  await sim.close();
});

describe('fleet run start: the change asked about is the change sent', () => {
  it('names the upgrade in the confirmation of a new run', async () => {
    const ran = await fleet.run(
      ['run', 'start', '-n', 'to-131', '--kubernetes-version', '1.31.8'],
      {
        answers: [''],
      },
    );
    expect(ran.out).toContain(
      'About to create and start update run to-131 (Full upgrade to 1.31.8, node image Latest) over 10 member clusters',
    );
    expect(ran.code).toBe(1);
    expect(writesOf(sim)).toBe(0);
  }, 60_000);

  it('refuses to start an existing run for another version than its own, sending nothing', async () => {
    const first = await fleet.run([
      'run',
      'start',
      '-n',
      'to-131',
      '--kubernetes-version',
      '1.31.8',
      '--confirm',
      'fleet-contoso',
    ]);
    expect(first.out).toMatch(/update run to-131: Failed/);
    const before = writesOf(sim);
    const again = await fleet.run([
      'run',
      'start',
      '-n',
      'to-131',
      '--kubernetes-version',
      '1.30.12',
      '--confirm',
      'fleet-contoso',
    ]);
    expect(again.err).toMatch(
      /update run to-131 is a Full upgrade to 1\.31\.8, node image Latest, not the Full upgrade to 1\.30\.12, node image Latest asked/,
    );
    expect(again.code).toBe(2);
    expect(writesOf(sim)).toBe(before);
  }, 120_000);

  it("names the run's own upgrade when it starts it again", async () => {
    const again = await fleet.run(
      ['run', 'start', '-n', 'to-131', '--kubernetes-version', '1.31.8'],
      {
        answers: [''],
      },
    );
    expect(again.out).toMatch(
      /About to start update run to-131 again \(it is Failed; Full upgrade to 1\.31\.8, node image Latest\)/,
    );
    expect(again.code).toBe(1);
  }, 120_000);
});
