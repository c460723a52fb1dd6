// A terminal smaller than 80x24: the app says what it needs instead of a garbled layout, no key acts
// on a screen the operator cannot see, and it comes back when the window is large enough again.
import { describe, expect, it } from 'vitest';
import { App } from '../../screens/App.js';
import { SizeGuard } from '../../screens/SizeGuard.js';
import { renderInk } from '../helpers/ink.js';
import { connectedStore } from '../screens/fixtures.js';

/** The frame says `text`, wherever the narrow window wrapped it. */
const says = (text: string) => (frame: string) => frame.replace(/\s+/g, ' ').includes(text);

const guarded = (onQuit: () => void) => {
  const store = connectedStore();
  return {
    store,
    tree: (
      <SizeGuard store={store} onQuit={onQuit}>
        <App store={store} actions={{ onQuit }} />
      </SizeGuard>
    ),
  };
};

describe('a terminal smaller than 80x24', () => {
  it.each([
    [79, 24],
    [80, 23],
    [40, 10],
  ])('%ix%i: says it needs 80x24 and how big it is now', async (columns, rows) => {
    const { tree } = guarded(() => undefined);
    const ink = await renderInk(tree, { columns, rows });
    const frame = await ink.waitFor(says('needs a terminal of at least 80x24'));
    expect(frame.replace(/\s+/g, ' ')).toContain(`this one is ${columns}x${rows}`);
    await ink.unmount();
  });

  it('keeps working when resized back: the checklist returns, keys act again', async () => {
    const { tree } = guarded(() => undefined);
    const ink = await renderInk(tree, { columns: 60, rows: 20 });
    await ink.waitFor('needs a terminal');
    // A step-opening key does nothing while the screen cannot show it.
    await ink.press('\r');
    await ink.resize(80, 24);
    const frame = await ink.waitFor('Node images and OS patches');
    expect(frame).not.toContain('needs a terminal');
    // Enter was not acted on while hidden: still the overview, no step opened.
    expect(frame).toContain('Enter open');
    await ink.resize(70, 24);
    await ink.waitFor('needs a terminal');
    await ink.resize(100, 30);
    await ink.waitFor('Node images and OS patches');
    await ink.unmount();
  });

  it('q quits from the small screen when nothing is running, but not while work runs', async () => {
    let quits = 0;
    const { store, tree } = guarded(() => (quits += 1));
    const ink = await renderInk(tree, { columns: 50, rows: 12 });
    await ink.act(() => store.update({ busy: true }));
    await ink.waitFor(says('enlarge the window to quit safely'));
    await ink.press('q');
    expect(quits).toBe(0);
    await ink.act(() => store.update({ busy: false }));
    await ink.waitFor(says('q quits'));
    await ink.press('q');
    expect(quits).toBe(1);
    await ink.unmount();
  });
});
