// `fleet run start` when the run's journal cannot be opened (its file is a folder): one line
// saying which file, why and what to do, and nothing sent. It once printed Node's own text as an
// "unexpected failure: EISDIR: illegal operation on a directory, open '…'".
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness, writesOf } from './fleet-harness.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
});
afterAll(() => sim.close());

describe('fleet run start with its journal unusable', () => {
  it('one line naming the journal, why and what to do; exit 2; nothing sent', async () => {
    const h = fleetHarness(sim);
    const path = join(
      h.env()['XDG_STATE_HOME']!,
      'aks-runbook',
      'fleet',
      '9d8c7b6a-rg-fleet-fleet-contoso-blocked-131.jsonl',
    );
    mkdirSync(path, { recursive: true });
    const before = writesOf(sim);
    const ran = await h.run([
      'run',
      'start',
      '-n',
      'blocked-131',
      '--kubernetes-version',
      '1.31.8',
      '--confirm',
      'fleet-contoso',
    ]);
    expect(ran.code).toBe(2);
    expect(ran.err.trim().split('\n')).toEqual([
      `aks-runbook: cannot open the journal ${path}: it is a folder, EISDIR; check the path, its permissions and free disk space`,
    ]);
    expect(writesOf(sim)).toBe(before);
  }, 60_000);
});
