// While an upgrade or a node image upgrade this session sent runs in Azure (a long-running ARM
// PUT/POST, minutes to hours), the step's checklist row and its title say it runs, and what;
// once the operation ends (done or failed) they say what the step's status is again. The
// simulator holds the operation's status polls, so "while it runs" is a fact, not a race.
import { act } from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { App } from '../../../screens/App.js';
import type { AppActions } from '../../../screens/app-actions.js';
import type { StepId } from '../../../src/model/checklist.js';
import { startSimulator, type Simulator } from '../../../src/sim/simulator.js';
import { makeNodeImageStep } from '../../../src/steps/node-image/index.js';
import { makeUpgradesStep } from '../../../src/steps/upgrades/index.js';
import { stepSession } from '../../e2e/security-step-session.js';
import { ENTER, ESC, renderInk, type InkHarness } from '../../helpers/ink.js';
import { until } from '../../helpers/until.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

// Nodes are read this seldom while an operation runs: a read every few ms renders all the time,
// and a screen test's wait (inside React's act) ends only once rendering stops.
const NODE_POLL_MS = 60_000;

/** The checklist row of `id` in `frame`. */
const rowOf = (frame: string, id: StepId): string =>
  frame.split('\n').find((l) => new RegExp(`^[❯ ] . ${id} `).test(l)) ?? '';

/** The polls of every running operation's status, held until released. */
const holdPolls = (s: Simulator) =>
  s.hold((method, path) => method === 'GET' && path.includes('/operationStatus/'));

async function openStep(ui: InkHarness, id: StepId): Promise<void> {
  await ui.press(':');
  await ui.type(id);
  await ui.press(ENTER);
}

it.each([
  {
    outcome: 'Succeeded' as const,
    after: /✎ upgrades .*changed(:| · .*) Control-plane upgrade to 1\.32\.5/,
  },
  { outcome: 'Failed' as const, after: /✖ upgrades .*failed: control-plane PUT to 1\.32\.5/ },
])(
  'upgrades, $outcome: the row and the title say "running" and what while the PUT runs, then says how it ended',
  async ({ outcome, after }) => {
    sim = await startSimulator({
      scenario: 'demo',
      speed: 2000,
      ...(outcome === 'Failed' ? { faults: { operationOutcome: 'Failed' as const } } : {}),
    });
    const s = await stepSession(
      sim,
      'upgrades',
      makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: NODE_POLL_MS }),
    );
    s.store.update({ connection: { phase: 'connected', cluster: s.connection.summary } });
    const actions: AppActions = {
      onQuit: vi.fn(),
      onOpenStep: (id) => void s.host.open(id),
      onStepEvent: (id, event) => void s.host.send(id, event),
    };
    const ui = await renderInk(<App store={s.store} actions={actions} />);
    await openStep(ui, 'upgrades');
    await act(() => until(() => s.view().actions !== undefined, 'the upgrades step to look'));
    await act(() => s.host.send('upgrades', { type: 'target', version: '1.32.5' }));
    const polls = holdPolls(sim);
    await ui.press('c');
    await ui.waitFor(`Type ${sim.arm.name}`);
    await ui.type(sim.arm.name);
    await ui.press(ENTER);
    await act(() => polls.reached);
    // The step's title, on its own screen.
    await ui.waitFor('(upgrades) · running: Control-plane upgrade');
    // The checklist row.
    await ui.press(ESC);
    let frame = await ui.waitFor((f) => rowOf(f, 'upgrades').includes('running'));
    expect(rowOf(frame, 'upgrades')).toMatch(
      /… upgrades .*running: Control-plane upgrade to 1\.32\.5/,
    );
    polls.release();
    frame = await ui.waitFor((f) => after.test(rowOf(f, 'upgrades')));
    expect(rowOf(frame, 'upgrades')).not.toContain('running');
    await s.host.stop();
  },
  60_000,
);

it('node-image: the row says "running" and what while the pool POST runs, then what it changed', async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 2000 });
  const s = await stepSession(
    sim,
    'node-image',
    makeNodeImageStep({ updateIntervalInMs: 5, nodePollMs: NODE_POLL_MS }),
  );
  s.store.update({ connection: { phase: 'connected', cluster: s.connection.summary } });
  const actions: AppActions = {
    onQuit: vi.fn(),
    onOpenStep: (id) => void s.host.open(id),
    onStepEvent: (id, event) => void s.host.send(id, event),
  };
  const ui = await renderInk(<App store={s.store} actions={actions} />);
  await openStep(ui, 'node-image');
  await act(() =>
    until(() => s.view().actions?.some((a) => a.key === '1'), 'the node-image step to look'),
  );
  const polls = holdPolls(sim);
  await ui.press('1');
  await ui.waitFor(`Type ${sim.arm.name}`);
  await ui.type(sim.arm.name);
  await ui.press(ENTER);
  await act(() => polls.reached);
  await ui.waitFor('(node-image) · running: ');
  await ui.press(ESC);
  let frame = await ui.waitFor((f) => rowOf(f, 'node-image').includes('running'));
  expect(rowOf(frame, 'node-image')).toMatch(/… node-image .*running: Node image upgrade of pool /);
  polls.release();
  frame = await ui.waitFor((f) => /changed(: | · )/.test(rowOf(f, 'node-image')));
  expect(rowOf(frame, 'node-image')).not.toContain('running');
  await s.host.stop();
}, 60_000);
