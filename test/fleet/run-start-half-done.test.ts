// `fleet run start` sends two changes: the run's create, then its start. When the create went
// through and the start was refused, the one line says both: the run exists now, not started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { main } from '../../src/cli.js';
import { fleetHarness } from './fleet-harness.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    scenario: 'fleet',
    speed: 6000,
    faults: { api: 'arm', armBusy: 1, methods: ['POST'], pathPattern: '/updateRuns/[^/]+/start$' },
  });
});
afterAll(async () => {
  await sim.close();
});

describe('fleet run start: created, then the start refused', () => {
  it('says the run was created and not started, and how to start it', async () => {
    // Through main, once: the harness runs a command again after an error.
    const fleet = fleetHarness(sim);
    let err = '';
    const io = { out: () => undefined, err: (t: string) => (err += t), interactive: false };
    const argv = ['fleet', 'run', 'start', '-n', 'half', '--kubernetes-version', '1.31.8'];
    const more = ['--confirm', 'fleet-contoso', '--sim-connection', `${fleet.home}/sim.json`];
    const ran = { code: await main([...argv, ...more], fleet.env(), io), err };
    ran.err = err;
    expect(ran.code).toBe(2);
    expect(ran.err.trim().split('\n')).toHaveLength(1);
    expect(ran.err).toMatch(/update run half was created but not started/);
    expect(ran.err).toMatch(/fleet run start -n half/);
  }, 60_000);
});
