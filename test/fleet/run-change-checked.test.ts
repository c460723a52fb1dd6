// `fleet run skip` and `fleet run stop` check what they were asked against the run they read
// first: a member, group or stage the run does not have, or a stop of a run that is not running,
// is one line naming what there is, and nothing is sent (Fleet Manager would refuse it anyway).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator;
let fleet: ReturnType<typeof fleetHarness>;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
  fleet = fleetHarness(sim);
  // The run fails at pay-stg (a PodDisruptionBudget blocks its drain).
  const started = await fleet.run([
    'run',
    'start',
    '-n',
    'to-131',
    '--kubernetes-version',
    '1.31.8',
    '--confirm',
    'fleet-contoso',
  ]);
  expect(started.out).toMatch(/update run to-131: Failed/);
}, 120_000);
afterAll(async () => {
  await sim.close();
});

describe('fleet run skip and stop: checked against the run', () => {
  it('refuses to skip a member the run does not have, naming its members, sending nothing', async () => {
    const before = writesOf(sim);
    const ran = await fleet.run([
      'run',
      'skip',
      '-n',
      'to-131',
      '--member',
      'nobody',
      '--confirm',
      'fleet-contoso',
    ]);
    expect(ran.err).toMatch(/update run to-131 has no member nobody \(its members: .*pay-stg/);
    expect(ran.err).not.toContain('bug');
    expect(ran.err.trim().split('\n')).toHaveLength(1);
    expect(ran.code).toBe(2);
    expect(writesOf(sim)).toBe(before);
  }, 60_000);

  it('refuses to skip a stage or wait the run does not have', async () => {
    const before = writesOf(sim);
    const stage = await fleet.run([
      'run',
      'skip',
      '-n',
      'to-131',
      '--wait',
      'qa',
      '--confirm',
      'fleet-contoso',
    ]);
    expect(stage.err).toMatch(
      /update run to-131 has no stage qa \(its stages: dev, staging, prod\)/,
    );
    expect(stage.code).toBe(2);
    expect(writesOf(sim)).toBe(before);
  }, 60_000);

  it('says a run that is not running cannot be stopped, sending nothing', async () => {
    const before = writesOf(sim);
    const ran = await fleet.run(['run', 'stop', '-n', 'to-131', '--confirm', 'fleet-contoso']);
    expect(ran.err).toMatch(
      /update run to-131 is Failed: only a running update run can be stopped/,
    );
    expect(ran.code).toBe(2);
    expect(writesOf(sim)).toBe(before);
  }, 60_000);
});
