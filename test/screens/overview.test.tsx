import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { CHECKLIST } from '../../src/model/checklist.js';
import { BACKSPACE, DOWN, ENTER, ESC, TAB, UP, renderInk } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

/** The steps listed before any has looked: all but those listed only when they apply (fleet). */
const LISTED = CHECKLIST.filter((step) => !step.onlyWhenRelevant);

function setup(store = connectedStore()) {
  const actions = { onQuit: vi.fn(), onOpenStep: vi.fn(), onCloseStep: vi.fn() };
  return { store, actions, render: () => renderInk(<App store={store} actions={actions} />) };
}

/** The checklist row of a step in a plain frame. */
function row(frame: string, id: string): string {
  return frame.split('\n').find((line) => line.includes(` ${id} `)) ?? '';
}

describe('ChecklistOverview', () => {
  it('lists every step of the checklist with its id, title and status', async () => {
    const { store, render } = setup();
    store.setStep('connect', { kind: 'ok' });
    store.setStep('rbac', { kind: 'findings', count: 3 });
    store.setStep('imds', { kind: 'running' });
    store.setStep('containers', { kind: 'changed', what: '2 policies' });
    store.setStep('drain', { kind: 'skipped', why: 'no nodes chosen' });
    store.setStep('defender', { kind: 'unavailable', why: 'no ARM access' });
    const ui = await render();
    const frame = ui.frame();
    for (const step of LISTED) {
      expect(row(frame, step.id)).toContain(step.title);
    }
    expect(row(frame, 'connect')).toContain('✔');
    expect(row(frame, 'rbac')).toMatch(/! .*3 findings/);
    expect(row(frame, 'imds')).toMatch(/… .*running/);
    expect(row(frame, 'containers')).toMatch(/✎ .*changed: 2 policies/);
    expect(row(frame, 'drain')).toMatch(/– .*skipped: no nodes chosen/);
    expect(row(frame, 'defender')).toMatch(/✖ .*unavailable: no ARM access/);
    expect(row(frame, 'summary')).toContain('not started');
  });

  it('lists the fleet step only once it has looked and found a fleet', async () => {
    const { store, render } = setup();
    const ui = await render();
    expect(row(ui.frame(), 'fleet')).toBe('');
    await ui.act(() => store.setStep('fleet', { kind: 'running' }));
    expect(row(ui.frame(), 'fleet')).toContain('Fleet update runs');
    await ui.act(() => store.setStep('fleet', { kind: 'skipped', why: 'in no fleet' }));
    expect(row(ui.frame(), 'fleet')).toBe('');
    await ui.act(() => store.setStep('fleet', { kind: 'ok' }));
    expect(row(ui.frame(), 'fleet')).toMatch(/✔ .*Fleet update runs/);
  });

  it('follows the store as the logic updates step statuses', async () => {
    const { store, render } = setup();
    const ui = await render();
    await ui.act(() => store.setStep('upgrades', { kind: 'findings', count: 1 }));
    expect(row(ui.frame(), 'upgrades')).toContain('1 finding');
  });

  it('moves the cursor with arrows and j/k and opens the selected step with Enter', async () => {
    const { actions, render } = setup();
    const ui = await render();
    expect(row(ui.frame(), 'connect')).toMatch(/^❯/);
    await ui.press(DOWN, 'j', 'j', UP);
    expect(row(ui.frame(), 'api-access')).toMatch(/^❯/);
    await ui.press(ENTER);
    expect(ui.frame()).toContain('API server access (api-access)');
    expect(actions.onOpenStep).toHaveBeenCalledWith('api-access');
  });

  it('Esc backs out of an opened step to the overview, cursor kept', async () => {
    const { actions, render } = setup();
    const ui = await render();
    await ui.press(DOWN, DOWN, DOWN, ENTER);
    expect(ui.frame()).toContain('(rbac)');
    await ui.press(ESC);
    expect(ui.frame()).not.toContain('(rbac)');
    expect(row(ui.frame(), 'rbac')).toMatch(/^❯/);
    expect(actions.onCloseStep).toHaveBeenCalledWith('rbac');
  });

  it('Esc on the overview changes nothing and does not quit', async () => {
    const { actions, render } = setup();
    const ui = await render();
    const before = ui.frame();
    await ui.press(ESC, ESC);
    expect(ui.frame()).toBe(before);
    expect(actions.onQuit).not.toHaveBeenCalled();
  });

  it('/ filters the checklist by id or title; Enter keeps the filter, Esc clears it', async () => {
    const { actions, render } = setup();
    const ui = await render();
    await ui.press('/');
    await ui.type('node');
    let frame = ui.frame();
    expect(row(frame, 'node-image')).toContain('Node images');
    expect(row(frame, 'connect')).toBe('');
    expect(row(frame, 'rbac')).toBe('');
    await ui.press(ENTER);
    frame = ui.frame();
    expect(frame).toContain('filter "node": 1 of 10 steps');
    expect(row(frame, 'node-image')).toMatch(/^❯/);
    // Keys typed in the filter are text, not commands: 'q' does not quit.
    await ui.press('/', BACKSPACE, BACKSPACE, BACKSPACE, BACKSPACE);
    await ui.type('q');
    expect(ui.frame()).toContain('/q');
    await ui.press(BACKSPACE);
    await ui.type('upgr');
    await ui.press(ENTER);
    expect(row(ui.frame(), 'upgrades')).toMatch(/^❯/);
    expect(actions.onQuit).not.toHaveBeenCalled();
    await ui.press(ESC);
    frame = ui.frame();
    for (const step of LISTED) expect(row(frame, step.id)).toContain(step.title);
  });

  it('a filter that matches nothing says so', async () => {
    const { render } = setup();
    const ui = await render();
    await ui.press('/');
    await ui.type('zzz');
    expect(ui.frame()).toContain('no step matches the filter');
  });

  it(': jumps to a step by id, with Tab completion', async () => {
    const { actions, render } = setup();
    const ui = await render();
    await ui.press(':');
    await ui.type('no');
    await ui.press(TAB);
    expect(ui.frame()).toContain(':node-image');
    await ui.press(ENTER);
    expect(ui.frame()).toContain('Node images and OS patches (node-image)');
    expect(actions.onOpenStep).toHaveBeenCalledWith('node-image');
  });

  it(': lists matching step ids while typing and refuses an unknown one', async () => {
    const { actions, render } = setup();
    const ui = await render();
    await ui.press(':');
    await ui.type('d');
    expect(ui.frame()).toContain('steps: defender drain');
    await ui.press(ENTER);
    expect(ui.frame()).toContain('2 steps match');
    await ui.press(BACKSPACE);
    await ui.type('nope');
    await ui.press(ENTER);
    expect(ui.frame()).toContain('no step is called "nope"');
    expect(actions.onOpenStep).not.toHaveBeenCalled();
    await ui.press(ESC);
    expect(ui.frame()).not.toContain(':nope');
  });
});
