import { Box } from 'ink';
import { useState } from 'react';
import { quitKeys } from './common-keys.js';
import { helpLines } from './help-lines.js';
import type { KeyBinding } from './key-table.js';
import { scrollBinding } from './scroll-keys.js';
import { Lines } from './Lines.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';
import { useKeys } from './use-keys.js';

/** Props of the help overlay. */
export interface HelpOverlayProps {
  /** The screen the keys belong to. */
  screen: string;
  /** That screen's key table, as it was when `?` was pressed (only the keys that worked then). */
  keys: readonly KeyBinding[];
  active: boolean;
  onClose: () => void;
  onQuit: () => void;
  width: number;
  height: number;
}

/** The keys of the screen underneath, one per line, scrolled when long; Esc or `?` closes it. */
export function HelpOverlay({
  screen,
  keys,
  active,
  onClose,
  onQuit,
  width,
  height,
}: HelpOverlayProps) {
  const [top, setTop] = useState(0);
  const lines = helpLines(keys, Math.max(20, width - 4));
  // Border, title and the closing line.
  const rows = Math.max(1, height - 4);
  const last = Math.max(0, lines.length - rows);
  useKeys(
    {
      name: 'help',
      table: [
        {
          keys: ['escape', '?'],
          label: 'Esc ?',
          does: 'close the help',
          hint: 'close',
          run: onClose,
        },
        scrollBinding(
          { at: top, last, page: rows, to: setTop },
          'scroll the list of keys',
          'scroll',
        ),
        quitKeys(onQuit),
      ],
    },
    active,
  );
  const shown = lines.slice(top, top + rows);
  return (
    <Box
      flexDirection="column"
      borderStyle="round"
      borderColor={theme.accent}
      paddingX={1}
      width={width}
    >
      <Text bold color={theme.accent} wrap="truncate-end">
        Keys: {screen}
        {lines.length > rows
          ? ` (lines ${top + 1}–${top + shown.length} of ${lines.length}, ↑↓ scroll)`
          : ''}
      </Text>
      <Lines lines={shown} from={top} />
      <Text color={theme.muted} wrap="truncate-end">
        Esc or ? closes this help.
      </Text>
    </Box>
  );
}
