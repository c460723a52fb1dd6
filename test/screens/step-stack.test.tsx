// Esc returns to where the operator came from: a step another step handed over to goes back to
// that step, not to the checklist.
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { back, handOver, onTop, openFromChecklist } from '../../screens/step-stack.js';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import { ENTER, ESC, renderInk } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

describe('step stack', () => {
  it('opening from the checklist starts over; a hand-over stacks; Esc unstacks', () => {
    let stack = openFromChecklist('upgrades');
    stack = handOver(stack, 'drain');
    expect(stack).toEqual(['upgrades', 'drain']);
    expect(onTop(stack)).toBe('drain');
    stack = back(stack);
    expect(onTop(stack)).toBe('upgrades');
    expect(onTop(back(stack))).toBeUndefined();
    expect(openFromChecklist('rbac')).toEqual(['rbac']);
  });

  it('never stacks a step twice: handing back to one below cuts back to it', () => {
    const stack = handOver(handOver(openFromChecklist('upgrades'), 'drain'), 'upgrades');
    expect(stack).toEqual(['upgrades']);
    expect(handOver(['drain'], 'drain')).toEqual(['drain']);
    expect(handOver([], 'drain')).toEqual(['drain']);
  });
});

const drainState: DrainState = {
  phase: 'choose',
  cluster: 'aks-prod-weu',
  nodes: [],
  previews: {},
  options: DEFAULT_DRAIN_OPTIONS,
  rights: {},
  readOnly: false,
  dryRun: false,
  leftCordoned: [],
};

describe('Esc in the app', () => {
  it('drain opened by upgrades goes back to upgrades, then to the checklist', async () => {
    const store = connectedStore();
    store.update({ stepStates: { drain: drainState } });
    const onCloseStep = vi.fn();
    const ui = await renderInk(
      <App store={store} actions={{ onQuit: vi.fn(), onOpenStep: vi.fn(), onCloseStep }} />,
    );
    await ui.press(':');
    await ui.type('upgrades');
    await ui.press(ENTER);
    await ui.waitFor('Kubernetes upgrades (upgrades)');
    // The upgrades step hands over to drain (its `d` key), as the step host does.
    await ui.act(() => store.update({ focus: { step: 'drain', seq: 1 } }));
    await ui.waitFor('Cordon and drain');
    await ui.press(ESC);
    const upgrades = await ui.waitFor((f) => !f.includes('Cordon and drain'));
    expect(upgrades).toContain('Kubernetes upgrades (upgrades)');
    expect(onCloseStep).toHaveBeenLastCalledWith('drain');
    await ui.press(ESC);
    await ui.waitFor('❯ ·');
    expect(onCloseStep).toHaveBeenLastCalledWith('upgrades');
  });

  it('a step opened from the checklist goes back to the checklist', async () => {
    const store = connectedStore();
    store.update({ stepStates: { drain: drainState } });
    const ui = await renderInk(<App store={store} actions={{ onQuit: vi.fn() }} />);
    await ui.press(':');
    await ui.type('drain');
    await ui.press(ENTER);
    await ui.waitFor('Cordon and drain');
    await ui.press(ESC);
    await ui.waitFor('❯ ·');
  });
});
