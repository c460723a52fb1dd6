import { Text } from 'ink';
import type { KeyBinding } from './keymap.js';
import { theme } from './theme.js';

/** The footer line: the main keys of the current screen, cut to one line. */
export function KeyHints({ keys }: { keys: readonly KeyBinding[] }) {
  const hints = keys.flatMap((binding) => (binding.hint ? [binding.hint] : []));
  return (
    <Text wrap="truncate-end" color={theme.muted}>
      {hints.length > 0 ? hints.join(' · ') : ' '}
    </Text>
  );
}
