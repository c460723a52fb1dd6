// A question that appears while the operator is still typing (a confirmation asked after a
// preflight, while they type into the filter) or holding a key down: the keys that keep coming
// were meant for what was there before, so none answers it until the keys pause.
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { Confirm } from '../../screens/Confirm.js';
import { KeyBus } from '../../screens/key-bus.js';
import { ENTER, renderInk } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

const request = { cluster: 'aks-prod-weu', change: 'Cordon and drain node aks-system-1' };

describe('a question appearing mid-typing', () => {
  it('typing into the filter through the question does not answer it', async () => {
    let now = 0;
    const bus = new KeyBus({ now: () => now, guardMs: 250 });
    const store = connectedStore();
    const ui = await renderInk(<App store={store} actions={{ onQuit: vi.fn() }} />, undefined, {
      bus,
    });
    await ui.press('/');
    for (const c of 'rea') {
      now += 150;
      await ui.press(c);
    }
    let answer: Promise<boolean> | undefined;
    await ui.act(() => {
      answer = store.ask(request);
    });
    // "ready" and Enter, typed on at the same pace: the question is there from the "d" on.
    for (const key of ['d', 'y', ENTER]) {
      now += 150;
      await ui.press(key);
    }
    expect(store.getState().confirmation).toBeDefined();
    expect(ui.frame()).toContain('▶ No, cancel ◀');
    expect(ui.frame()).toContain('were ignored');
    // Once the keys paused, the question answers.
    now += 300;
    await ui.press('y');
    now += 150;
    await ui.press(ENTER);
    await expect(answer).resolves.toBe(true);
  });

  it('a key held down (Enter, y) answers nothing until it is let go', async () => {
    let now = 0;
    const bus = new KeyBus({ now: () => now, guardMs: 250 });
    const onAnswer = vi.fn();
    const ui = await renderInk(
      <Confirm request={request} active onAnswer={onAnswer} width={80} height={21} />,
      undefined,
      { bus },
    );
    // Key repeat: 30 a second, for a second.
    for (let i = 0; i < 30; i++) {
      now += 33;
      await ui.press('y');
    }
    for (let i = 0; i < 30; i++) {
      now += 33;
      await ui.press(ENTER);
    }
    expect(onAnswer).not.toHaveBeenCalled();
    expect(ui.frame()).toContain('▶ No, cancel ◀');
  });
});
