import { useInput, useStdin, type Key } from 'ink';

/**
 * `useInput` for one screen layer: only the topmost layer passes `active`, so a key is handled once.
 * Without raw mode (piped stdin) no layer listens, instead of crashing.
 */
export function useLayerInput(handler: (input: string, key: Key) => void, active: boolean): void {
  const { isRawModeSupported } = useStdin();
  useInput(handler, { isActive: active && isRawModeSupported });
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
