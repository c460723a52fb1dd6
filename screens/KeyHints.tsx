import { Text, useStdin } from 'ink';
import type { KeyBinding } from './keymap.js';
import { theme } from './theme.js';

/** The footer line: the main keys of the current screen, cut to one line (or why keys are off). */
export function KeyHints({ keys }: { keys: readonly KeyBinding[] }) {
  const { isRawModeSupported } = useStdin();
  const hints = keys.flatMap((binding) => (binding.hint ? [binding.hint] : []));
  if (!isRawModeSupported) {
    return (
      <Text wrap="truncate-end" color={theme.warning}>
        ! Keys are off: input is not a terminal
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end" color={theme.muted}>
      {hints.length > 0 ? hints.join(' · ') : ' '}
    </Text>
  );
}
