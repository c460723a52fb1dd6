// The input model on the screens: keys read together each arrive, scrolling keys everywhere, a
// paste goes only into text fields, and a question answers only keys typed after it appeared.
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { Confirm } from '../../screens/Confirm.js';
import { KeyBus, type KeyEvent } from '../../screens/key-bus.js';
import { LineInput } from '../../screens/LineInput.js';
import { TypedConfirm } from '../../screens/TypedConfirm.js';
import { useKeys } from '../../screens/use-keys.js';
import { admitsAnswer } from '../../screens/use-answer-guard.js';
import type { ConfirmationRequest } from '../../src/model/session.js';
import {
  DOWN,
  END,
  ENTER,
  ESC,
  HOME,
  PAGE_DOWN,
  RIGHT,
  UP,
  pasted,
  renderInk,
} from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

const request: ConfirmationRequest = {
  cluster: 'aks-prod-weu',
  change: 'Cordon and drain node aks-system-12345678-vmss000001',
};

/** The checklist row the cursor is on. */
function cursorRow(frame: string): string {
  return frame.split('\n').find((line) => line.startsWith('❯')) ?? '';
}

function key(burst: number, time: number): KeyEvent {
  return {
    key: { name: 'char', text: 'y', ctrl: false, meta: false, shift: false, sequence: 'y' },
    id: 'y',
    burst,
    time,
    typedInRead: 1,
  };
}

describe('keys read together', () => {
  it('three arrows in one read move three rows; so do three j', async () => {
    const ui = await renderInk(<App store={connectedStore()} actions={{ onQuit: vi.fn() }} />);
    await ui.burst(DOWN + DOWN + DOWN, '❯ · rbac');
    expect(cursorRow(ui.frame())).toContain(' rbac ');
    await ui.burst('jjj', '❯ · upgrades');
    await ui.burst(UP + UP, '❯ · imds');
  });

  it('PgDn, Home, End, g and G scroll every list', async () => {
    const ui = await renderInk(<App store={connectedStore()} actions={{ onQuit: vi.fn() }} />);
    await ui.press(END);
    expect(cursorRow(ui.frame())).toContain(' summary ');
    await ui.press(HOME);
    expect(cursorRow(ui.frame())).toContain(' connect ');
    await ui.press('G');
    expect(cursorRow(ui.frame())).toContain(' summary ');
    await ui.press('g', PAGE_DOWN);
    expect(cursorRow(ui.frame())).not.toContain(' connect ');
  });
});

describe('pasted text', () => {
  it('goes into a text field, on one line, without control characters', async () => {
    function Field() {
      const [value, setValue] = useState('');
      return (
        <LineInput
          prompt="> "
          value={value}
          active
          onChange={setValue}
          onSubmit={vi.fn()}
          onCancel={vi.fn()}
        />
      );
    }
    const ui = await renderInk(<Field />);
    await ui.press(pasted('6f1c2a4e-3b5d\r\n\u001b[2J'));
    expect(ui.frame()).toContain('> 6f1c2a4e-3b5d [2J');
  });

  it('anywhere else is ignored, and the footer says so', async () => {
    const store = connectedStore();
    const onOpenStep = vi.fn();
    const ui = await renderInk(<App store={store} actions={{ onQuit: vi.fn(), onOpenStep }} />);
    await ui.press(pasted(':drain\r'));
    expect(ui.frame()).toContain('Paste ignored');
    expect(onOpenStep).not.toHaveBeenCalled();
    expect(cursorRow(ui.frame())).toContain(' connect ');
  });

  it('never answers a confirmation: y and Enter pasted change nothing', async () => {
    const onAnswer = vi.fn();
    const ui = await renderInk(
      <Confirm request={request} active onAnswer={onAnswer} width={80} height={21} />,
      { columns: 80, rows: 24 },
      { footer: true },
    );
    await ui.press(pasted('y\r'), pasted('\u001b[C\r'));
    expect(onAnswer).not.toHaveBeenCalled();
    expect(ui.frame()).toContain('▶ No, cancel ◀');
    expect(ui.frame()).toContain('Paste ignored');
  });

  it('does not count as typing the name in a typed confirmation', async () => {
    const onAnswer = vi.fn();
    const ui = await renderInk(
      <TypedConfirm
        request={{ ...request, typed: 'aks-prod-weu' }}
        active
        onAnswer={onAnswer}
        width={80}
        height={21}
      />,
    );
    await ui.press(pasted('aks-prod-weu'), ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
    expect(ui.frame()).toContain('› ');
    expect(ui.frame()).not.toContain('› aks-prod-weu');
    await ui.type('aks-prod-weu');
    await ui.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);
  });
});

describe('the answer guard', () => {
  it('admits a key only from a later read than the question, once the guard time is over', () => {
    const opened = { burst: 7, time: 1_000 };
    expect(admitsAnswer(key(7, 5_000), opened, 250)).toBe(false);
    expect(admitsAnswer(key(6, 5_000), opened, 250)).toBe(false);
    expect(admitsAnswer(key(8, 1_100), opened, 250)).toBe(false);
    expect(admitsAnswer(key(8, 1_249), opened, 250)).toBe(false);
    expect(admitsAnswer(key(8, 1_250), opened, 250)).toBe(true);
    expect(admitsAnswer(key(8, 1_000), opened, 0)).toBe(true);
    expect(admitsAnswer(key(7, 1_000), opened, 0)).toBe(false);
    // A key dropped at 2_000 starts the guard time again.
    expect(admitsAnswer(key(8, 2_200), opened, 250, 2_000)).toBe(false);
    expect(admitsAnswer(key(8, 2_250), opened, 250, 2_000)).toBe(true);
  });

  it('drops keys typed in the guard time and says so; later keys answer; Esc works at once', async () => {
    let now = 10_000;
    const bus = new KeyBus({ now: () => now, guardMs: 250 });
    const onAnswer = vi.fn();
    const ui = await renderInk(
      <Confirm request={request} active onAnswer={onAnswer} width={80} height={21} />,
      { columns: 80, rows: 24 },
      { bus },
    );
    now += 100;
    await ui.press('y', ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
    expect(ui.frame()).toContain('▶ No, cancel ◀');
    expect(ui.frame()).toContain('Keys typed before this question appeared');
    // The guard time counts again from the last key dropped: a pause, then keys answer.
    now += 200;
    await ui.press(RIGHT);
    expect(ui.frame()).toContain('▶ No, cancel ◀');
    now += 250;
    await ui.press(RIGHT);
    expect(ui.frame()).toContain('▶ Yes, go ahead ◀');
    await ui.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('lets Esc cancel during the guard time: backing out is always safe', async () => {
    const bus = new KeyBus({ now: () => 0, guardMs: 250 });
    const onAnswer = vi.fn();
    const ui = await renderInk(
      <Confirm request={request} active onAnswer={onAnswer} width={80} height={21} />,
      { columns: 80, rows: 24 },
      { bus },
    );
    await ui.press(ESC);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('never takes keys read together with the key that opened the question', async () => {
    // `d` opens the question at once; `y` and Enter came in the same read (a paste without
    // bracketed paste, or fast typing), so they are typed before the question appeared.
    const onAnswer = vi.fn();
    function Opener() {
      const [open, setOpen] = useState(false);
      useKeys(
        { name: 'opener', table: [{ keys: ['d'], does: 'ask', run: () => setOpen(true) }] },
        !open,
      );
      return open ? (
        <Confirm request={request} active onAnswer={onAnswer} width={80} height={21} />
      ) : null;
    }
    const ui = await renderInk(<Opener />);
    await ui.burst('dy\r', 'were ignored');
    expect(onAnswer).not.toHaveBeenCalled();
    expect(ui.frame()).toContain('▶ No, cancel ◀');
    await ui.press('y', ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('Enter in the same read as the y that chose Yes does not confirm (nor a name and Enter)', async () => {
    const onAnswer = vi.fn();
    const ui = await renderInk(
      <Confirm request={request} active onAnswer={onAnswer} width={80} height={21} />,
    );
    await ui.burst('y\r', 'were ignored');
    expect(ui.frame()).toContain('▶ Yes, go ahead ◀');
    expect(onAnswer).not.toHaveBeenCalled();
    await ui.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);

    const typed = vi.fn();
    await ui.unmount();
    const field = await renderInk(
      <TypedConfirm
        request={{ ...request, typed: 'aks-prod-weu' }}
        active
        onAnswer={typed}
        width={80}
        height={21}
      />,
    );
    // Typed quickly: three keys per read, Enter in the read of the last three.
    await field.burst('aks', '› aks');
    await field.burst('-pr', '› aks-pr');
    await field.burst('od-', '› aks-prod-');
    await field.burst('weu\r', 'were ignored');
    expect(typed).not.toHaveBeenCalled();
    await field.press(ENTER);
    expect(typed).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('guards the quit question: a double Ctrl+C in one read does not quit while work runs', async () => {
    const store = connectedStore();
    store.update({ busy: true });
    const onQuit = vi.fn();
    const ui = await renderInk(<App store={store} actions={{ onQuit }} />);
    await ui.burst('\u0003\u0003', 'were ignored');
    expect(onQuit).not.toHaveBeenCalled();
    await ui.press('\u0003');
    expect(onQuit).toHaveBeenCalledOnce();
  });
});
