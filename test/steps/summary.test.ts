import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { STEP_MODULES } from '../../src/steps/registry.js';
import { makeNodeImageStep } from '../../src/steps/node-image/index.js';
import {
  connectToSim,
  hostFor,
  until,
  wireMode,
  type HostedSession,
} from '../helpers/sim-session.js';

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

// The Summary open while a change runs says what the journal says when the change ends (its title
// already follows the status): not "Still under way" over a change that has failed or finished.
it('the open Summary follows the journal: "Still under way" goes once the change has ended', async () => {
  const own = await startSimulator({ scenario: 'demo', speed: 600 });
  const s = await hostFor(await connectToSim(own, { mode: wireMode() }), {
    ...STEP_MODULES,
    'node-image': makeNodeImageStep({ updateIntervalInMs: 5, nodePollMs: 5 }),
  });
  try {
    const { host, store } = s;
    await host.open('node-image');
    // The operator answers yes to the node image upgrade of pool system.
    const unsubscribe = store.subscribe(() => {
      if (store.getState().confirmation) queueMicrotask(() => store.answer(true));
    });
    const running = host.send('node-image', { type: 'action', key: '1' });
    // While it runs, the operator opens the Summary (as in the TUI: Esc, then the summary row).
    await until(() => s.journalLines().some((r) => r['type'] === 'intent'), 'the intent line');
    await host.open('summary');
    const during = (store.getState().stepViews.summary?.summary ?? []).join('\n');
    expect(during).toContain('Still under way, no result yet');
    await running;
    unsubscribe();
    await until(
      () => s.journalLines().some((r) => r['type'] === 'result'),
      'the result line',
      60_000,
    );
    // The Summary is still the screen on top: it reads the journal again, with no key pressed.
    await until(
      () =>
        !(store.getState().stepViews.summary?.summary ?? [])
          .join('\n')
          .includes('Still under way, no result yet'),
      'the Summary to say how the change ended',
      60_000,
    );
  } finally {
    await s.close();
    await own.close();
  }
}, 120_000);
