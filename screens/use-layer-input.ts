import { useInput, useStdin, type Key } from 'ink';
import { createContext, useContext, useId, useLayoutEffect, useRef, type RefObject } from 'react';
import { KeyBusContext } from './key-bus.js';

/**
 * True while the screens below are hidden (a too-small window): none of their keys may act.
 * A ref, read when a key arrives, so no handler can act on a stale "not suspended".
 */
export const InputSuspended = createContext<RefObject<boolean>>({ current: false });

/**
 * Keys for one screen layer: only the topmost layer passes `active`, so a key is handled once.
 * Inside the app the layer joins the app's key bus as it renders (see `KeyBusProvider`); rendered
 * alone it subscribes itself. Without raw mode (piped stdin) no layer listens, instead of crashing.
 */
export function useLayerInput(handler: (input: string, key: Key) => void, active: boolean): void {
  const { isRawModeSupported } = useStdin();
  const suspended = useContext(InputSuspended);
  const bus = useContext(KeyBusContext);
  const id = useId();
  const latest = useRef(handler);
  // Suspension drops keys instead of deactivating the layer: turning every hook off at once would
  // take the terminal out of raw mode for a moment, and a key typed then arrives mangled later.
  const guarded = useRef((input: string, key: Key) => {
    if (!suspended.current) latest.current(input, key);
  });
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useLayoutEffect(() => (bus && active ? bus.add(id, guarded) : undefined), [bus, id, active]);
  useInput((input, key) => guarded.current(input, key), {
    isActive: !bus && active && isRawModeSupported,
  });
}

/** Ctrl+C, which the app handles itself (`exitOnCtrlC: false`). */
export function isCtrlC(input: string, key: Key): boolean {
  return key.ctrl && input === 'c';
}

/** A quit request: `q` or Ctrl+C. */
export function isQuitKey(input: string, key: Key): boolean {
  return isCtrlC(input, key) || (input === 'q' && !key.ctrl && !key.meta);
}

/** Up arrow or `k`. */
export function isUpKey(input: string, key: Key): boolean {
  return key.upArrow || (input === 'k' && !key.ctrl);
}

/** Down arrow or `j`. */
export function isDownKey(input: string, key: Key): boolean {
  return key.downArrow || (input === 'j' && !key.ctrl);
}
