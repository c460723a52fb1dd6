import { describe, expect, it, vi } from 'vitest';
import { Confirm } from '../../screens/Confirm.js';
import { TypedConfirm } from '../../screens/TypedConfirm.js';
import { dryRunQuestion, type ConfirmationRequest } from '../../src/model/session.js';
import { BACKSPACE, CTRL_C, ENTER, ESC, LEFT, RIGHT, TAB, renderInk } from '../helpers/ink.js';

const request: ConfirmationRequest = {
  cluster: 'aks-prod-weu',
  change: 'Cordon and drain node aks-system-12345678-vmss000001',
  details: ['evicts 14 pods', 'kubectl drain aks-system-12345678-vmss000001'],
};

function renderConfirm(req: ConfirmationRequest = request) {
  const onAnswer = vi.fn();
  return {
    onAnswer,
    ui: renderInk(<Confirm request={req} active onAnswer={onAnswer} width={80} height={21} />),
  };
}

function renderTyped(typed = 'aks-prod-weu') {
  const onAnswer = vi.fn();
  const ui = renderInk(
    <TypedConfirm
      request={{ ...request, typed }}
      active
      onAnswer={onAnswer}
      width={80}
      height={21}
    />,
  );
  return { onAnswer, ui };
}

describe('Confirm', () => {
  it('a dry run is the same dialog, titled and headed as a dry run', async () => {
    const dry = dryRunQuestion(request);
    const plain = (await renderConfirm(dry).ui).frame();
    expect(plain).toContain('Confirm a dry run');
    expect(plain).toMatch(/DRY RUN: nothing will change\./);
    expect(plain).toContain('(dry run) Cordon and drain node');
    expect(plain).toContain('▶ No, cancel ◀');
    const typed = (
      await renderInk(
        <TypedConfirm
          request={{ ...dry, typed: 'aks-prod-weu' }}
          active
          onAnswer={vi.fn()}
          width={80}
          height={21}
        />,
      )
    ).frame();
    expect(typed).toContain('Confirm a dry run: type the name to proceed');
    expect(typed).toMatch(/DRY RUN: nothing will change\./);
    const real = (await renderConfirm().ui).frame();
    expect(real).toContain('Confirm a change');
    expect(real).not.toContain('DRY RUN');
  });

  it('names the cluster, the change and its details, and prints its keys', async () => {
    const { ui } = renderConfirm();
    const frame = (await ui).frame();
    expect(frame).toContain('Cluster: aks-prod-weu');
    expect(frame).toContain('Cordon and drain node aks-system-12345678-vmss000001');
    expect(frame).toContain('evicts 14 pods');
    expect(frame).toContain('Enter');
    expect(frame).toContain('Esc');
  });

  it('starts on Cancel, marked without colour: Enter right away answers no', async () => {
    const { ui, onAnswer } = renderConfirm();
    const harness = await ui;
    expect(harness.frame()).toContain('▶ No, cancel ◀');
    expect(harness.frame()).not.toContain('▶ Yes');
    await harness.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('confirms only after focus moved to Yes', async () => {
    const { ui, onAnswer } = renderConfirm();
    const harness = await ui;
    await harness.press(RIGHT);
    expect(harness.frame()).toContain('▶ Yes, go ahead ◀');
    expect(onAnswer).not.toHaveBeenCalled();
    await harness.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('y alone does not confirm: it only moves focus to Yes', async () => {
    const { ui, onAnswer } = renderConfirm();
    const harness = await ui;
    await harness.press('y');
    expect(onAnswer).not.toHaveBeenCalled();
    expect(harness.frame()).toContain('▶ Yes, go ahead ◀');
  });

  it('Tab and Left move focus back to Cancel', async () => {
    const { ui, onAnswer } = renderConfirm();
    const harness = await ui;
    await harness.press(TAB, TAB, RIGHT, LEFT);
    expect(harness.frame()).toContain('▶ No, cancel ◀');
    await harness.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(false);
  });

  it.each([
    ['Esc', ESC],
    ['n', 'n'],
    ['Ctrl+C', CTRL_C],
  ])('%s cancels even when Yes is focused', async (_name, key) => {
    const { ui, onAnswer } = renderConfirm();
    const harness = await ui;
    await harness.press(RIGHT, key);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(false);
  });
});

describe('TypedConfirm', () => {
  it('names the cluster, the change and what to type', async () => {
    const { ui } = renderTyped();
    const frame = (await ui).frame();
    expect(frame).toContain('Cluster: aks-prod-weu');
    expect(frame).toContain('Cordon and drain node aks-system-12345678-vmss000001');
    expect(frame).toContain('Type aks-prod-weu and press Enter');
  });

  it('rejects a wrong name with an inline error and no answer', async () => {
    const { ui, onAnswer } = renderTyped();
    const harness = await ui;
    await harness.type('aks-prod-we');
    await harness.press(ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
    expect(harness.frame()).toContain('"aks-prod-we" is not "aks-prod-weu"');
    await harness.press(ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
  });

  it('Enter on an empty field does not confirm', async () => {
    const { ui, onAnswer } = renderTyped();
    const harness = await ui;
    await harness.press(ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
    expect(harness.frame()).toContain('Nothing was changed');
  });

  it('accepts the exact name, after a correction', async () => {
    const { ui, onAnswer } = renderTyped();
    const harness = await ui;
    await harness.type('aks-prod-wex');
    await harness.press(ENTER, BACKSPACE);
    expect(harness.frame()).not.toContain('is not');
    await harness.type('u');
    await harness.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('asks for a node name when the logic says so', async () => {
    const { ui, onAnswer } = renderTyped('aks-system-12345678-vmss000001');
    const harness = await ui;
    await harness.type('aks-prod-weu');
    await harness.press(ENTER);
    expect(onAnswer).not.toHaveBeenCalled();
    await harness.press(...Array.from('aks-prod-weu', () => BACKSPACE));
    await harness.type('aks-system-12345678-vmss000001');
    await harness.press(ENTER);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('Esc cancels', async () => {
    const { ui, onAnswer } = renderTyped();
    const harness = await ui;
    await harness.type('aks-prod-weu');
    await harness.press(ESC);
    expect(onAnswer).toHaveBeenCalledExactlyOnceWith(false);
  });
});
