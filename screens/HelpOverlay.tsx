import { Box, Text } from 'ink';
import type { KeyBinding } from './keymap.js';
import { cell } from './text.js';
import { theme } from './theme.js';
import { isCtrlC, useLayerInput } from './use-layer-input.js';

/** Props of the help overlay. */
export interface HelpOverlayProps {
  /** The screen the keys belong to. */
  screen: string;
  keys: readonly KeyBinding[];
  active: boolean;
  onClose: () => void;
  onQuit: () => void;
}

/** The keys of the screen underneath, one per line; Esc or `?` closes it. */
export function HelpOverlay({ screen, keys, active, onClose, onQuit }: HelpOverlayProps) {
  useLayerInput((input, key) => {
    if (key.escape || input === '?') onClose();
    else if (isCtrlC(input, key) || input === 'q') onQuit();
  }, active);
  const width = Math.max(...keys.map((binding) => binding.keys.length)) + 2;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1}>
      <Text bold color={theme.accent} wrap="truncate-end">
        Keys: {screen}
      </Text>
      {keys.map((binding) => (
        <Text key={binding.keys} wrap="truncate-end">
          <Text bold>{cell(binding.keys, width)}</Text>
          {binding.does}
        </Text>
      ))}
      <Text color={theme.muted} wrap="truncate-end">
        Esc or ? closes this help.
      </Text>
    </Box>
  );
}
