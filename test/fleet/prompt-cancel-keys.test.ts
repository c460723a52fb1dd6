// The typed fleet-name question on a real terminal, answered with Ctrl+D or Ctrl+C: the built
// program cancels in one line ("nothing was changed", exit 1) and sends nothing; it never calls
// the key a bug.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { startInPty } from '../helpers/pty.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator;
let fleet: ReturnType<typeof fleetHarness>;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
  fleet = fleetHarness(sim);
});
afterAll(async () => {
  await sim.close();
});

describe('fleet commands: Ctrl+D and Ctrl+C at the typed confirmation', () => {
  for (const [key, sent] of [
    ['Ctrl+D', '\u0004'],
    ['Ctrl+C', '\u0003'],
  ] as const) {
    it(`${key} cancels: one line, exit 1, nothing sent`, async () => {
      const pty = startInPty(
        [
          'fleet',
          'strategy',
          'create',
          '-n',
          'by-env',
          '--stages',
          'dev,staging',
          '--sim-connection',
          `${fleet.home}/sim.json`,
        ],
        { ...fleet.env(), HOME: fleet.home },
        { cols: 200, rows: 40 },
      );
      await pty.waitFor('Type the fleet name (fleet-contoso)', 60_000);
      pty.type(sent);
      expect(await pty.exited(20_000)).toBe(1);
      expect(pty.screen()).toContain('Cancelled: nothing was changed.');
      expect(pty.screen()).not.toMatch(/unexpected failure|bug in aks-runbook/);
      expect(writesOf(sim)).toBe(0);
    }, 90_000);
  }

  it('asks where it can be seen when stderr is not the terminal (2>file)', async () => {
    const pty = startInPty(
      [
        'fleet',
        'strategy',
        'create',
        '-n',
        'by-env',
        '--stages',
        'dev,staging',
        '--sim-connection',
        `${fleet.home}/sim.json`,
        '2>/dev/null',
      ],
      { ...fleet.env(), HOME: fleet.home },
      { cols: 200, rows: 40 },
    );
    await pty.waitFor('Type the fleet name (fleet-contoso)', 60_000);
    pty.type('\u0004');
    expect(await pty.exited(20_000)).toBe(1);
    expect(writesOf(sim)).toBe(0);
  }, 90_000);
});
