// A Yes/No confirmation (drain, cordon, uncordon, IMDS apply, RBAC removal, accept-risk, abort)
// must not be answered by words typed into the wrong window, nor by a paste sent as keys: only
// ←/→/Tab and `y` move to Yes, and text the dialog has no use for leaves it able only to cancel.
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { KeyBus, type KeyEvent } from '../../screens/key-bus.js';
import type { KeyPress } from '../../screens/key-parser.js';
import { admitsAnswer } from '../../screens/use-answer-guard.js';
import type { ConfirmationRequest } from '../../src/model/session.js';
import { ENTER, RIGHT, TAB, renderInk } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

const request: ConfirmationRequest = {
  cluster: 'aks-prod-weu',
  change: 'Cordon and drain node aks-system-12345678-vmss000001',
  details: ['evicts 14 pods'],
};

/** Each entry of `reads` is one read of the terminal, 150 ms apart, a second after the question. */
async function answerTo(reads: readonly string[], typed?: string) {
  let now = 0;
  const bus = new KeyBus({ now: () => now, guardMs: 250 });
  const store = connectedStore();
  const ui = await renderInk(<App store={store} actions={{ onQuit: vi.fn() }} />, undefined, {
    bus,
  });
  let answer: boolean | 'unanswered' = 'unanswered';
  await ui.act(() => {
    void store.ask({ ...request, ...(typed ? { typed } : {}) }).then((yes) => (answer = yes));
  });
  await ui.waitFor(typed ? 'Type ' : 'No, cancel');
  now += 1000;
  for (const read of reads) {
    // A pause (`…`) is a second without keys.
    now += read === '…' ? 1000 : 150;
    if (read !== '…') await ui.press(read);
  }
  await ui.act(() => undefined);
  return { answer: answer as boolean | 'unanswered', frame: ui.frame() };
}

const keyByKey = (words: string) => [...words, ENTER];

describe('words typed into a Yes/No confirmation by mistake', () => {
  for (const words of ['clear', 'ls', 'htop', 'whoami', 'kubectl apply', 'yes']) {
    it(`"${words}" then Enter does not confirm`, async () => {
      expect((await answerTo(keyByKey(words))).answer).not.toBe(true);
    });
  }

  it('after stray text, neither y nor Tab moves to Yes, even after a pause', async () => {
    const seen = await answerTo(['l', 's', '…', 'y', '…', TAB, '…', RIGHT, '…', ENTER]);
    expect(seen.answer).toBe(false);
    expect(seen.frame).not.toContain('▶ Yes');
  });

  it('text typed after moving to Yes moves the choice back to No', async () => {
    const seen = await answerTo([RIGHT, '…', 's', '…', ENTER]);
    expect(seen.answer).toBe(false);
  });

  it('y, a pause, then Enter still confirms', async () => {
    expect((await answerTo(['y', '…', ENTER])).answer).toBe(true);
    expect((await answerTo([RIGHT, '…', ENTER])).answer).toBe(true);
  });
});

describe('a paste sent as keys (many characters in one read) never answers', () => {
  // tmux paste-buffer without -p (or a terminal without bracketed paste) sends a paste as keys in
  // one read: more than three characters in a read is a paste (README).
  it('"kubectl get po" pasted, then Enter, does not confirm', async () => {
    expect((await answerTo(['kubectl get po', ENTER])).answer).not.toBe(true);
  });

  it('"yyyy" pasted, a pause, then Enter does not confirm', async () => {
    const seen = await answerTo(['yyyy', '…', ENTER]);
    expect(seen.answer).not.toBe(true);
    expect(seen.frame).not.toContain('▶ Yes');
  });

  it('a chunk carrying its own Enter answers nothing, even on Yes', async () => {
    const seen = await answerTo(['y', '…', 'abcd\r', '…']);
    expect(seen.answer).toBe('unanswered');
    expect(seen.frame).toContain('▶ No, cancel ◀');
  });

  it('a typed confirmation empties its field on a paste sent as keys', async () => {
    const seen = await answerTo(['a', 'k', 's', '-prod-weu', '…'], 'aks-prod-weu');
    expect(seen.answer).toBe('unanswered');
    expect(seen.frame).toContain('Pasted text does not count here');
    expect(seen.frame).not.toMatch(/› aks/);
  });

  it('no question (quit, resume offer, Yes/No, typed) admits a key from a read that held a paste', () => {
    const key: KeyPress = {
      name: 'char',
      text: 'o',
      ctrl: false,
      meta: false,
      shift: false,
      sequence: 'o',
    };
    const opened = { burst: 1, time: 0 };
    const event = (typedInRead: number): KeyEvent => ({
      key,
      id: 'o',
      burst: 2,
      time: 1000,
      typedInRead,
    });
    expect(admitsAnswer(event(3), opened, 250)).toBe(true);
    expect(admitsAnswer(event(4), opened, 250)).toBe(false);
  });
});
