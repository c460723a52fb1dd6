import { useInput, useStdin, type Key } from 'ink';
import { createContext, useContext, type RefObject } from 'react';

/**
 * True while the screens below are hidden (a too-small window): none of their keys may act.
 * A ref, read when a key arrives, so no handler can act on a stale "not suspended".
 */
export const InputSuspended = createContext<RefObject<boolean>>({ current: false });

/**
 * `useInput` for one screen layer: only the topmost layer passes `active`, so a key is handled once.
 * Without raw mode (piped stdin) no layer listens, instead of crashing.
 */
export function useLayerInput(handler: (input: string, key: Key) => void, active: boolean): void {
  const { isRawModeSupported } = useStdin();
  const suspended = useContext(InputSuspended);
  // Suspension drops keys instead of deactivating the hook: turning every hook off at once would
  // take the terminal out of raw mode for a moment, and a key typed then arrives mangled later.
  useInput(
    (input, key) => {
      if (!suspended.current) handler(input, key);
    },
    { isActive: active && isRawModeSupported },
  );
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
