// A screen whose code is still loading when it is opened: keys typed meanwhile wait for it, in
// order, and reach it, not the screen it replaced (see screens/lazy-screen.tsx).
import { Text } from 'ink';
import { useState, type ComponentType } from 'react';
import { describe, expect, it } from 'vitest';
import { KeyBus } from '../../screens/key-bus.js';
import { lazyScreen } from '../../screens/lazy-screen.js';
import { useKeys } from '../../screens/use-keys.js';
import { ENTER, renderInk } from '../helpers/ink.js';
import { until } from '../helpers/until.js';

/** A screen that records the keys it gets, under its name. */
function Recorder({ name, seen, onEnter }: { name: string; seen: string[]; onEnter?: () => void }) {
  const [got, setGot] = useState('');
  const record = (key: string) => {
    seen.push(`${name}:${key}`);
    setGot((text) => text + key);
  };
  useKeys(
    {
      name,
      table: [
        { keys: ['enter'], does: 'open b', run: () => onEnter?.() },
        { keys: ['x'], does: 'record x', run: () => record('x') },
        { keys: ['y'], does: 'record y', run: () => record('y') },
      ],
    },
    true,
  );
  return <Text>{`${name} got: ${got}`}</Text>;
}

/** A screen `a` whose Enter opens `b`, loaded through `lazy`. */
function Switch({ seen, B }: { seen: string[]; B: ComponentType<{ seen: string[] }> }) {
  const [open, setOpen] = useState(false);
  return open ? <B seen={seen} /> : <Recorder name="a" seen={seen} onEnter={() => setOpen(true)} />;
}

/** A lazily loaded `b` whose code arrives when the test says so. */
function gated() {
  let arrive: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (arrive = resolve));
  const lazy = lazyScreen<{ seen: string[] }>(async () => {
    await gate;
    return ({ seen }) => <Recorder name="b" seen={seen} />;
  });
  return { lazy, arrive };
}

describe('a screen opened while its code loads', () => {
  it('gets the keys typed meanwhile, in order; the screen it replaced gets none', async () => {
    const seen: string[] = [];
    const { lazy, arrive } = gated();
    const bus = new KeyBus({ guardMs: 0 });
    const ui = await renderInk(<Switch seen={seen} B={lazy.Screen} />, undefined, { bus });
    await ui.press(ENTER);
    expect(ui.frame()).not.toContain('a got');
    // Typed as one read while b's code is still on its way.
    const read = bus.lastBurst();
    const typed = ui.burst('xy', 'b got: xy');
    await until(() => bus.lastBurst() > read, 'the keys to be read');
    expect(seen).toEqual([]);
    expect(bus.idle()).toBe(false);
    arrive();
    await typed;
    expect(seen).toEqual(['b:x', 'b:y']);
  });

  it('draws at once when its code was loaded ahead, and keys flow as usual', async () => {
    const seen: string[] = [];
    const { lazy, arrive } = gated();
    arrive();
    await lazy.preload();
    const ui = await renderInk(<Switch seen={seen} B={lazy.Screen} />);
    await ui.press(ENTER);
    expect(ui.frame()).toContain('b got:');
    await ui.press('x');
    expect(ui.frame()).toContain('b got: x');
    expect(seen).toEqual(['b:x']);
  });
});
