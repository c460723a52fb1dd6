// After a failed control-plane upgrade and `t` to another version, the upgrades screen at 80x24
// says what each key sends: r retries the failed version (and names the target it does not
// send), c is a new upgrade to the target picked, not a retry. Read on screen, wrapped, in full.
import { act } from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { App } from '../../../screens/App.js';
import type { AppActions } from '../../../screens/app-actions.js';
import { startSimulator, type Simulator } from '../../../src/sim/simulator.js';
import { makeUpgradesStep } from '../../../src/steps/upgrades/index.js';
import { stepSession } from '../../e2e/security-step-session.js';
import { ENTER, renderInk } from '../../helpers/ink.js';
import { until } from '../../helpers/until.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** The frame's lines joined into one text, line breaks and runs of spaces as one space. */
const flat = (frame: string): string => frame.replace(/\s+/g, ' ');

it('r and c say which version each sends, and which is the retry', async () => {
  sim = await startSimulator({
    scenario: 'demo',
    speed: 2000,
    faults: { operationOutcome: 'Failed' },
  });
  const s = await stepSession(sim, 'upgrades', makeUpgradesStep({ updateIntervalInMs: 5 }));
  s.store.update({ connection: { phase: 'connected', cluster: s.connection.summary } });
  const actions: AppActions = {
    onQuit: vi.fn(),
    onOpenStep: (id) => void s.host.open(id),
    onStepEvent: (id, event) => void s.host.send(id, event),
  };
  const ui = await renderInk(<App store={s.store} actions={actions} />);
  await ui.press(':');
  await ui.type('upgrades');
  await ui.press(ENTER);
  await act(() => until(() => s.view().actions !== undefined, 'the upgrades step to look'));
  await act(() => s.host.send('upgrades', { type: 'target', version: '1.32.4' }));
  await ui.press('c');
  await ui.waitFor(`Type ${sim.arm.name}`);
  await ui.type(sim.arm.name);
  await ui.press(ENTER);
  await act(() =>
    until(
      () =>
        s
          .view()
          .actions?.find((a) => a.key === 'r')
          ?.label.startsWith('Retry the failed'),
      'the retry to be offered',
    ),
  );
  await act(() => s.host.send('upgrades', { type: 'target', version: '1.32.5' }));
  const c =
    '[c] Upgrade the control plane to 1.32.5 (a new upgrade, not a retry of the failed 1.32.4)';
  const r =
    '[r] Retry the failed control-plane PUT to 1.32.4 (asks first): it sends 1.32.4 again, not 1.32.5 you picked since (c sends 1.32.5, as a new upgrade)';
  // Down from the top of the step until both keys are on screen, each in full.
  await ui.press('g');
  const seen = (f: string) => flat(f).includes(c) && flat(f).includes(r);
  for (let line = 0; line < 80 && !seen(ui.frame()); line++) await ui.press('j');
  expect(flat(ui.frame())).toContain(c);
  expect(flat(ui.frame())).toContain(r);
  await s.host.stop();
}, 60_000);
