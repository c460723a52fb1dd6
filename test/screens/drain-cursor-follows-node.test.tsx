// The drain table's cursor is on a node, not a row number: when the watched node list changes under
// it (AKS adds a surge node, a node goes away), `d` and Space still act on the node the operator put
// the cursor on; if that node is gone, the cursor shows on a neighbour and nothing acts on it until
// the operator moves. (Found by the wt/56 review.)
import { useSyncExternalStore } from 'react';
import { expect, it } from 'vitest';
import type { DrainNode } from '../../src/model/drain.js';
import { CHECKLIST } from '../../src/model/checklist.js';
import { DrainScreen } from '../../screens/steps/drain/DrainScreen.js';
import { choosing as state, drainNode as node } from '../helpers/drain-screen.js';
import { DOWN, UP, renderInk } from '../helpers/ink.js';

const step = CHECKLIST.find((s) => s.id === 'drain')!;

const before = [
  node('aks-apps-9-vmss000000', 'apps'),
  node('aks-apps-9-vmss000001', 'apps'),
  node('aks-system-3-vmss000000', 'system'),
  node('aks-system-3-vmss000001', 'system'),
];

/** The drain screen over a node list the test changes, as the step's watch would. */
async function liveScreen() {
  let current = state(before);
  const listeners = new Set<() => void>();
  const store = {
    get: () => current,
    sub: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
  };
  const sent: unknown[] = [];
  function Live() {
    const s = useSyncExternalStore(store.sub, store.get);
    return (
      <DrainScreen
        step={step}
        status={{ kind: 'ok' }}
        view={{}}
        state={s}
        send={(e) => sent.push(e)}
        width={80}
        height={21}
        active
        onBack={() => undefined}
        onHelp={() => undefined}
        onQuit={() => undefined}
      />
    );
  }
  const ink = await renderInk(<Live />, { columns: 80, rows: 24 }, { footer: true });
  const setNodes = (nodes: DrainNode[]) =>
    ink.act(() => {
      current = state(nodes);
      for (const l of listeners) l();
    });
  return { ink, sent, setNodes };
}

it('after the node under the cursor goes away, nothing acts on its neighbour until the operator moves', async () => {
  const { ink, sent, setNodes } = await liveScreen();
  await ink.waitFor('aks-system-3-vmss000001');
  await ink.press(DOWN, DOWN);
  // aks-system-3-vmss000000 is scaled away: the cursor shows on the node that took its row.
  await setNodes([before[0]!, before[1]!, before[3]!]);
  const frame = await ink.waitFor('aks-system-3-vmss000000 is no longer listed');
  expect(frame).not.toMatch(/(^|· )d drain/m);
  await ink.press('d', ' ');
  expect(sent).toEqual([]);
  expect(frame).toContain('0 selected');
  // A move says the operator chose a row: the keys act on it again.
  await ink.press(UP, DOWN);
  await ink.waitFor((f) => !f.includes('no longer listed'));
  await ink.press('d');
  expect(sent).toEqual([{ type: 'drain', nodes: ['aks-system-3-vmss000001'] }]);
});

it('d drains the node the operator put the cursor on, after a surge node appears above it', async () => {
  const { ink, sent, setNodes } = await liveScreen();
  await ink.waitFor('aks-system-3-vmss000001');
  // The operator moves to the last system node (the one to reboot).
  await ink.press(DOWN, DOWN, DOWN);
  // AKS surges the apps pool (node image upgrade of apps): the watch adds its node, sorted by name.
  await setNodes([
    ...before.slice(0, 2),
    node('aks-apps-9-vmss000002', 'apps'),
    ...before.slice(2),
  ]);
  await ink.waitFor('aks-apps-9-vmss000002');
  await ink.press('d');
  expect(sent.at(-1)).toEqual({ type: 'drain', nodes: ['aks-system-3-vmss000001'] });
});
