import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { STEP_MODULES } from '../../src/steps/registry.js';
import { connectToSim, hostFor, wireMode, type HostedSession } from '../helpers/sim-session.js';

// The summary reads the session back from its journal after the other steps have looked.
let sim: Simulator;
let session: HostedSession;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
  session = await hostFor(
    await connectToSim(sim, { mode: wireMode({ readOnly: true }) }),
    STEP_MODULES,
    {
      readOnly: true,
    },
  );
});
afterAll(async () => {
  await session.close();
  await sim.close();
});

it('sums up what each step found and writes the transcript on t, even read-only', async () => {
  const { host, store } = session;
  for (const id of ['defender', 'imds'] as const) await host.open(id);
  await host.open('summary');
  const view = store.getState().stepViews.summary!;
  const text = view.summary!.join('\n');
  expect(text).toMatch(/defender {4}1 \(1 medium\)/);
  expect(text).toMatch(/imds {8}\d+ \(\d+ high/);
  expect(text).toContain('Changes: none.');
  expect(view.actions?.map((a) => a.key)).toEqual(['t']);

  await host.send('summary', { type: 'action', key: 't' });
  const result = store.getState().stepViews.summary?.result?.[0] ?? '';
  const path = result.replace('Transcript written: ', '');
  expect(existsSync(path)).toBe(true);
  expect(readFileSync(path, 'utf8')).toContain('### defender: 1 finding');
  expect(sim.log.writes()).toEqual([]);
});
