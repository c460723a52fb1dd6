// `:` opens the jump prompt on every step screen (k9s style), not only on the checklist: while it
// is open no letter reaches the screen's actions, Enter opens the named step, Esc closes it.
// (Found by the wt/56 review: `:imds` on the drain table was read as keys, `d` asked to drain.)
import { expect, it, vi } from 'vitest';
import { CHECKLIST } from '../../src/model/checklist.js';
import { DrainScreen } from '../../screens/steps/drain/DrainScreen.js';
import { choosing, drainNode } from '../helpers/drain-screen.js';
import { ENTER, ESC, renderInk } from '../helpers/ink.js';
import { JumpContext } from '../../screens/JumpHost.js';

const step = CHECKLIST.find((s) => s.id === 'drain')!;
const state = choosing([
  drainNode('aks-system-3-vmss000000', 'system'),
  drainNode('aks-system-3-vmss000001', 'system'),
]);

async function drainTable(onJump?: (id: string) => void) {
  const sent: unknown[] = [];
  const screen = (
    <DrainScreen
      step={step}
      status={{ kind: 'ok' }}
      view={{}}
      state={state}
      send={(e) => sent.push(e)}
      width={80}
      height={21}
      active
      onBack={vi.fn()}
      onHelp={vi.fn()}
      onQuit={vi.fn()}
    />
  );
  const ui = await renderInk(
    onJump ? <JumpContext.Provider value={onJump}>{screen}</JumpContext.Provider> : screen,
    { columns: 80, rows: 24 },
    { footer: true },
  );
  await ui.waitFor('aks-system-3-vmss000001');
  return { ui, sent };
}

it('":imds" and Enter on the drain table asks for no drain', async () => {
  const { ui, sent } = await drainTable();
  await ui.press(':');
  await ui.type('imds');
  await ui.press(ENTER);
  expect(sent).toEqual([]);
});

it('":imds" and Enter opens the imds step; Esc closes the prompt and the table keys work again', async () => {
  const jumps: string[] = [];
  const { ui, sent } = await drainTable((id) => jumps.push(id));
  await ui.press(':');
  await ui.waitFor('steps: connect');
  await ui.type('imds');
  await ui.press(ENTER);
  expect(jumps).toEqual(['imds']);
  expect(sent).toEqual([]);
  await ui.press(':');
  await ui.type('dr');
  await ui.press(ESC);
  await ui.waitFor((f) => !f.includes('steps:'));
  await ui.press('d');
  expect(sent).toEqual([{ type: 'drain', nodes: ['aks-system-3-vmss000000'] }]);
  expect(jumps).toEqual(['imds']);
});
