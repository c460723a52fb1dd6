import { useStdin } from 'ink';
import { useContext, useSyncExternalStore } from 'react';
import type { FooterState } from './key-bus.js';
import { KeyBusContext } from './key-context.js';
import { footerText } from './key-table.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';

const NONE: FooterState = { table: [], ownFooter: false, notice: undefined };
const noSubscription = () => () => undefined;

/**
 * The footer line: the keys that work now on the active screen, from its key table, cut to one
 * line; or a short notice (a paste that was ignored); or why keys are off.
 */
export function KeyHints({ width }: { width: number }) {
  const { isRawModeSupported } = useStdin();
  const bus = useContext(KeyBusContext);
  const state = useSyncExternalStore(
    bus?.subscribe ?? noSubscription,
    bus?.footerState ?? (() => NONE),
  );
  if (!isRawModeSupported) {
    return (
      <Text wrap="truncate-end" color={theme.warning}>
        ! Keys are off: input is not a terminal
      </Text>
    );
  }
  if (state.notice) {
    return (
      <Text wrap="truncate-end" color={theme.warning}>
        ! {state.notice}
      </Text>
    );
  }
  const text = state.ownFooter ? '' : footerText(state.table, Math.max(10, width - 1));
  return (
    <Text wrap="truncate-end" color={theme.muted}>
      {text || ' '}
    </Text>
  );
}
