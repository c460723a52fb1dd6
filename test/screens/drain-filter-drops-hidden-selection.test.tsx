// A key on the drain table acts only on nodes on screen. Keeping a `/` filter drops the selected
// nodes it hides from the selection (and says so), so `d` never drains a node the operator cannot
// see; with no visible selection it takes the node under the cursor. (Found by the wt/56 review:
// `d` asked to drain the hidden selected node, not the one on screen.)
import { expect, it } from 'vitest';
import { choosing, drainNode, renderDrainScreen } from '../helpers/drain-screen.js';
import { DOWN, ENTER, ESC } from '../helpers/ink.js';

const twoNodes = () =>
  choosing([
    drainNode('aks-system-3-vmss000000', 'system'),
    drainNode('aks-system-3-vmss000001', 'system'),
  ]);

it('d after a filter that hides the selected node does not drain the hidden node', async () => {
  const sent: Array<{ type: string; nodes?: string[] }> = [];
  const ui = await renderDrainScreen(twoNodes(), (e) => sent.push(e));
  await ui.waitFor('aks-system-3-vmss000001');
  await ui.press(DOWN, ' ');
  await ui.waitFor('1 selected');
  await ui.press('/');
  await ui.type('vmss000000');
  await ui.press(ENTER);
  const frame = await ui.waitFor('filter: vmss000000');
  expect(frame).not.toContain('aks-system-3-vmss000001');
  expect(frame).toContain('0 selected');
  expect(frame).toContain('The filter hides 1 selected node: it is no longer selected');
  await ui.press('d');
  expect(sent.at(-1)?.nodes ?? []).not.toContain('aks-system-3-vmss000001');
  // The node on screen, under the cursor, is the one asked about.
  expect(sent).toEqual([{ type: 'drain', nodes: ['aks-system-3-vmss000000'] }]);
  // Clearing the filter brings the node back unselected: no selection waits off screen.
  await ui.press(ESC);
  const all = await ui.waitFor((f) => !f.includes('filter: vmss000000'));
  expect(all).toContain('0 selected');
  expect(all).not.toContain('[x]');
});

it('p under a filter selects the pool as the filter shows it, not its hidden nodes', async () => {
  const sent: Array<{ type: string; nodes?: string[] }> = [];
  const ui = await renderDrainScreen(twoNodes(), (e) => sent.push(e));
  await ui.waitFor('aks-system-3-vmss000001');
  await ui.press('/');
  await ui.type('vmss000001');
  await ui.press(ENTER);
  await ui.waitFor('filter: vmss000001');
  await ui.press('p');
  await ui.waitFor('1 selected');
  await ui.press(ESC);
  const all = await ui.waitFor((f) => !f.includes('filter: vmss000001'));
  expect(all).toContain('1 selected');
  await ui.press('d');
  expect(sent).toEqual([{ type: 'drain', nodes: ['aks-system-3-vmss000001'] }]);
});
