import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { KeyBus } from '../../screens/key-bus.js';
import type { ResumeOffer } from '../../src/runbook/resume.js';
import { DOWN, ENTER, ESC, renderInk } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

const offer: ResumeOffer = {
  journalPath: '/state/aks-runbook/2025-03-01T10-00-00-000Z-aks-one-1.jsonl',
  intents: [
    { step: 'drain', action: 'cordon', target: 'node/n1', time: '2025-03-01T10:00:04.000Z' },
    {
      step: 'imds',
      action: 'create networkpolicy',
      target: 'np/shop/deny-imds',
      time: '2025-03-01T10:00:05.000Z',
      detail: { namespace: 'shop' },
    },
  ],
};

function setup(bus?: KeyBus) {
  const store = connectedStore();
  const actions = {
    onQuit: vi.fn(),
    onOpenStep: vi.fn(),
    onResume: vi.fn(),
    onTranscript: vi.fn(),
  };
  return {
    store,
    actions,
    render: () => renderInk(<App store={store} actions={actions} />, undefined, { bus }),
  };
}

describe('the resume offer on the overview', () => {
  it('says how many lines of the interrupted journal were skipped as not valid records', async () => {
    const { store, render } = setup();
    store.update({ resume: { ...offer, skippedRecords: 2 } });
    const ui = await render();
    const frame = (await ui.waitFor('were skipped')).replace(/\s+/g, ' ');
    expect(frame).toContain('2 lines of that journal were not valid records and were skipped');
  });

  it('a journal that cannot be written is said above every screen', async () => {
    const { store, render } = setup();
    store.update({
      journalFailure: 'the journal /s/j.jsonl could not be written (the disk is full, ENOSPC)',
    });
    const ui = await render();
    const frame = (await ui.waitFor('could not be written')).replace(/\s+/g, ' ');
    expect(frame).toContain('✖ the journal /s/j.jsonl could not be written');
  });

  it('lists what was in flight, shows details, and opens the chosen change’s step', async () => {
    const { store, actions, render } = setup();
    store.update({ resume: offer });
    const ui = await render();
    const frame = await ui.waitFor('ended in the middle of a change');
    expect(frame).toContain('2025-03-01 10:00:04 drain: cordon node/n1');
    expect(frame).toContain('imds: create networkpolicy np/shop/deny-imds');
    await ui.press(DOWN, 'd');
    expect(await ui.waitFor('detail: {"namespace":"shop"}')).toContain('journal: /state');
    expect(actions.onResume).toHaveBeenCalledWith({ kind: 'details' });
    await ui.press(ENTER);
    expect(actions.onResume).toHaveBeenLastCalledWith({
      kind: 'open',
      step: 'imds',
      intents: [offer.intents[1]],
    });
    // The logic clears the offer; the step the operator chose is open.
    await ui.act(() => store.update({ resume: undefined }));
    expect(await ui.waitFor('Instance metadata endpoint')).not.toContain('middle of a change');
  });

  it('Esc dismisses at once; Enter (open a step) still waits out the paste guard', async () => {
    let now = 0;
    const { store, actions, render } = setup(new KeyBus({ now: () => now, guardMs: 250 }));
    store.update({ resume: offer });
    const ui = await render();
    await ui.waitFor('middle of a change');
    now += 10;
    await ui.press(ENTER);
    expect(actions.onResume).not.toHaveBeenCalled();
    now += 10;
    await ui.press(ESC);
    expect(actions.onResume).toHaveBeenCalledWith({ kind: 'dismiss' });
  });

  it('Esc dismisses; the checklist keys do nothing while the offer is open', async () => {
    const { store, actions, render } = setup();
    store.update({ resume: offer });
    const ui = await render();
    await ui.waitFor('middle of a change');
    await ui.press('t', ESC);
    expect(actions.onTranscript).not.toHaveBeenCalled();
    expect(actions.onResume).toHaveBeenCalledWith({ kind: 'dismiss' });
  });
});

describe('the transcript key', () => {
  it('t on the overview asks for the transcript, and the notice says where it went', async () => {
    const { store, actions, render } = setup();
    const ui = await render();
    await ui.press('t');
    expect(actions.onTranscript).toHaveBeenCalledTimes(1);
    await ui.act(() => store.update({ notice: 'Transcript written: /state/x.md' }));
    const frame = await ui.waitFor('Transcript written: /state/x.md');
    expect(frame).toContain('Node images and OS patches'); // the checklist still fits
    await ui.press('?');
    expect(await ui.waitFor('write the Markdown transcript')).toContain('t');
  });
});
