import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import type { DrainNode } from '../../src/model/drain.js';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import type { StepEvents } from '../../src/steps/registry-types.js';
import type { StepId } from '../../src/model/checklist.js';

type StepEvent = StepEvents[StepId];
import { DOWN, ENTER, ESC, renderInk } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

// A dialog or the help over a step's own screen hides it without unmounting it: what the operator
// had chosen there (selection, filter) is still there when the dialog closes.

const node = (name: string, pool: string): DrainNode => ({
  name,
  pool,
  ready: true,
  schedulable: true,
  conditions: [],
  rebootNeeded: false,
  kuredLock: false,
  podCount: 3,
});

const drainState: DrainState = {
  phase: 'choose',
  cluster: 'aks-prod-weu',
  nodes: [
    node('aks-apps-1-vmss000000', 'apps'),
    node('aks-apps-1-vmss000001', 'apps'),
    node('aks-system-2-vmss000000', 'system'),
  ],
  previews: {},
  options: DEFAULT_DRAIN_OPTIONS,
  rights: {},
  readOnly: false,
  dryRun: false,
  leftCordoned: [],
};

describe('a step screen under a dialog', () => {
  it('keeps the drain selection and filter across a cancelled confirmation and the help', async () => {
    const store = connectedStore();
    store.update({ stepStates: { drain: drainState } });
    const events: StepEvent[] = [];
    const actions = {
      onQuit: vi.fn(),
      onOpenStep: vi.fn(),
      onStepEvent: (_: string, e: StepEvent) => void events.push(e),
    };
    const ink = await renderInk(<App store={store} actions={actions} />);
    await ink.press(':');
    await ink.type('drain');
    await ink.press(ENTER);
    await ink.waitFor('Cordon and drain');
    await ink.press('/');
    await ink.type('apps');
    await ink.press(ENTER);
    await ink.press(' ', DOWN, ' ');
    await ink.waitFor((f) => f.includes('2 selected') && f.includes('filter: apps'));

    // d asks the controller, which asks the operator: the dialog replaces the screen on view.
    await ink.press('d');
    expect(events.at(-1)).toEqual({
      type: 'drain',
      nodes: ['aks-apps-1-vmss000000', 'aks-apps-1-vmss000001'],
    });
    let answer: Promise<boolean> | undefined;
    await ink.act(() => {
      answer = store.ask({ cluster: 'aks-prod-weu', change: 'Cordon and drain 2 nodes' });
    });
    const dialog = await ink.waitFor('Confirm a change');
    expect(dialog).not.toContain('selected');
    // Keys go to the dialog only: Space and c would change the hidden selection otherwise.
    await ink.press(' ', 'c');
    await ink.press(ESC);
    await expect(answer).resolves.toBe(false);
    const back = await ink.waitFor('Cordon and drain');
    expect(back).toContain('2 selected');
    expect(back).toContain('filter: apps');
    expect(back).not.toContain('aks-system-2-vmss000000');

    // The help over the step does the same.
    await ink.press('?');
    expect(await ink.waitFor('Keys: drain')).not.toContain('2 selected');
    await ink.press(ESC);
    const again = await ink.waitFor('Cordon and drain');
    expect(again).toContain('2 selected');
    expect(again).toContain('filter: apps');
  });
});
