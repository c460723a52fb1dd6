// A hostile go at the typed-name confirmation: only the exact name, typed by hand, confirms.
// Pastes come both ways a terminal sends them: bracketed, and as plain keys in one read (tmux
// `paste-buffer` without -p, `send-keys`, a console without bracketed paste).
import { describe, expect, it, vi } from 'vitest';
import { TypedConfirm } from '../../screens/TypedConfirm.js';
import type { ConfirmationRequest } from '../../src/model/session.js';
import { BACKSPACE, CTRL_C, ENTER, ESC, pasted, renderInk } from '../helpers/ink.js';

const request: ConfirmationRequest = {
  cluster: 'aks-prod-weu',
  change: 'Replace the cluster-admin binding of alice@contoso.com',
  typed: 'aks-prod-weu',
};

async function dialog(asked = request) {
  const onAnswer = vi.fn();
  const ui = await renderInk(
    <TypedConfirm request={asked} active onAnswer={onAnswer} width={80} height={21} />,
  );
  return { ui, onAnswer };
}

/** A cluster whose name is short enough to fit in one read typed by hand. */
const short = (name: string): ConfirmationRequest => ({
  cluster: name,
  change: `Delete node pool system on ${name}`,
  typed: name,
});

describe('a typed confirmation under attack', () => {
  it('the name pasted as plain keys in one read, then Enter on its own, does not confirm', async () => {
    const { ui, onAnswer } = await dialog();
    await ui.burst('aks-prod-weu', 'Pasted text does not count here');
    expect(ui.frame()).not.toContain('› aks-prod-weu');
    await ui.press(ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
    await ui.type('aks-prod-weu');
    await ui.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('a pasted prefix finished by hand does not count: only the typed part is in the field', async () => {
    const { ui, onAnswer } = await dialog();
    await ui.burst('aks-prod-w', 'Pasted text does not count here');
    await ui.type('eu');
    await ui.press(ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
    expect(ui.frame()).toContain('"eu" is not "aks-prod-weu"');
  });

  it('a few keys in one read (a busy program, a slow link) are still typing', async () => {
    const { ui, onAnswer } = await dialog();
    for (const [chunk, shown] of [
      ['aks', '› aks'],
      ['-pr', '› aks-pr'],
      ['od-', '› aks-prod-'],
      ['weu', '› aks-prod-weu'],
    ] as const)
      await ui.burst(chunk, shown);
    await ui.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('a short name (no more keys than a busy read holds) pasted whole, then Enter, does not confirm', async () => {
    for (const name of ['aks', 'db']) {
      const { ui, onAnswer } = await dialog(short(name));
      await ui.burst(name, `› ${name}`);
      await ui.press(ENTER);
      expect(onAnswer).not.toHaveBeenCalled();
      expect(ui.frame()).toContain('The name came all at once, as a paste does');
      // It left the field: typed by hand now, it confirms.
      expect(ui.frame()).not.toContain(`› ${name}`);
      await ui.type(name);
      await ui.press(ENTER);
      expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);
      await ui.unmount();
    }
  });

  it('a short name typed over two reads confirms; a one-character name cannot be told from typing', async () => {
    const { ui, onAnswer } = await dialog(short('aks'));
    await ui.burst('ak', '› ak');
    await ui.burst('s', '› aks');
    await ui.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);
    const one = await dialog(short('a'));
    await one.ui.burst('a', '› a');
    await one.ui.press(ENTER);
    expect(one.onAnswer).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('a short name pasted whole, then another key and Backspace, does not confirm', async () => {
    const { ui, onAnswer } = await dialog(short('aks'));
    await ui.burst('aks', '› aks');
    await ui.burst('x', '› aksx');
    await ui.press(BACKSPACE);
    await ui.press(ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
    expect(ui.frame()).toContain('The name came all at once, as a paste does');
  });

  it('a bracketed paste of the name and Enter never confirms', async () => {
    const { ui, onAnswer } = await dialog();
    await ui.press(pasted('aks-prod-weu\r'), ENTER, pasted('aks-prod-weu'), ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
  });

  it.each([
    ['another case', 'AKS-prod-weu'],
    ['a leading space', ' aks-prod-weu'],
    ['a trailing space', 'aks-prod-weu '],
    ['a prefix', 'aks-prod'],
    ['the name and more', 'aks-prod-weu2'],
    ['a Cyrillic a', 'аks-prod-weu'],
    ['a non-breaking hyphen', 'aks\u2011prod-weu'],
    ['fullwidth letters', 'ａｋｓ-prod-weu'],
    ['a zero-width space', 'aks-prod\u200b-weu'],
    ['a decomposed letter', 'aks-prod-we\u0075\u0308'],
  ])('%s does not confirm', async (_, typed) => {
    const { ui, onAnswer } = await dialog();
    await ui.type(typed);
    await ui.press(ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
    expect(ui.frame()).toContain('Nothing was changed');
  });

  it('the refusal shows an invisible character typed into the name, so the two differ on screen', async () => {
    const { ui } = await dialog();
    await ui.type('aks-prod\u200b-weu');
    await ui.press(ENTER);
    expect(ui.frame()).toContain('"aks-prod\\u200b-weu" is not "aks-prod-weu"');
  });

  it('control characters typed are never part of the name, and never reach the screen', async () => {
    const { ui, onAnswer } = await dialog();
    // BEL, a C1 CSI and a vertical tab between the letters.
    await ui.type('aks-\u0007prod\u009b-\u000bweu');
    for (const control of ['\u0007', '\u009b', '\u000b']) expect(ui.raw()).not.toContain(control);
    await ui.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('Backspace edits count: a typo mended by hand confirms, one left in does not', async () => {
    const { ui, onAnswer } = await dialog();
    await ui.type('aks-prod-wex');
    await ui.press(BACKSPACE);
    await ui.type('u');
    await ui.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);

    const second = await dialog();
    await second.ui.type('aks-prod-weu');
    await second.ui.press(BACKSPACE, ENTER);
    expect(second.onAnswer).not.toHaveBeenCalled();
  });

  it('Enter held down confirms nothing, and Esc or Ctrl+C back out at once', async () => {
    const { ui, onAnswer } = await dialog();
    await ui.press(ENTER, ENTER, ENTER, ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
    await ui.press(ESC);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(false);
    const second = await dialog();
    await second.ui.type('aks-prod-weu');
    await second.ui.press(CTRL_C);
    expect(second.onAnswer).toHaveBeenCalledExactlyOnceWith(false);
  });
});
