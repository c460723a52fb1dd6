import { useStdin, useStdout } from 'ink';
import { useContext, useLayoutEffect, useState, type ReactNode } from 'react';
import { KeyBus } from './key-bus.js';
import { KeyBusContext } from './key-context.js';
import { attachTerminal, type RawInput } from './terminal-input.js';

/**
 * Owns the app's one subscription to the terminal and lends the key bus to the screens below.
 * Inside another provider it adds nothing (one reader of stdin). Without a terminal on stdin no
 * key is read, instead of crashing.
 */
export function KeyBusProvider({ children, bus: given }: { children: ReactNode; bus?: KeyBus }) {
  const parent = useContext(KeyBusContext);
  const [bus] = useState(() => given ?? new KeyBus());
  const { stdin, isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  // A layout effect: raw mode is on before the first frame shows, so no early key is echoed.
  useLayoutEffect(() => {
    if (parent || !isRawModeSupported) return undefined;
    return attachTerminal(stdin as unknown as RawInput, stdout, bus);
  }, [parent, isRawModeSupported, stdin, stdout, bus]);
  if (parent) return <>{children}</>;
  return <KeyBusContext.Provider value={bus}>{children}</KeyBusContext.Provider>;
}
