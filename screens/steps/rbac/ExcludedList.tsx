import { Box, Text } from 'ink';
import { useState } from 'react';
import type { ExcludedBinding } from '../../../src/checks/rbac/check-bindings.js';
import { theme } from '../../theme.js';
import { isDownKey, isQuitKey, isUpKey, useLayerInput } from '../../use-layer-input.js';

/** Props of the excluded bindings list. */
export interface ExcludedListProps {
  excluded: readonly ExcludedBinding[];
  height: number;
  active: boolean;
  onBack: () => void;
  onHelp: () => void;
  onQuit: () => void;
}

/** The bindings the exclusion rule left out, with the reason for each; scrollable. */
export function ExcludedList(props: ExcludedListProps) {
  const [top, setTop] = useState(0);
  const rows = Math.max(1, props.height - 3);
  const max = Math.max(0, props.excluded.length - rows);
  useLayerInput((input, key) => {
    if (key.escape) props.onBack();
    else if (isUpKey(input, key)) setTop(Math.max(0, top - 1));
    else if (isDownKey(input, key)) setTop(Math.min(max, top + 1));
    else if (input === '?') props.onHelp();
    else if (isQuitKey(input, key)) props.onQuit();
  }, props.active);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Left out: {props.excluded.length} bindings of system identities or AKS (name, role and
        subjects matched)
      </Text>
      {props.excluded.slice(top, top + rows).map((e) => (
        <Text key={e.binding} wrap="truncate-end">
          <Text color={theme.muted}>○ </Text>
          {e.binding} <Text color={theme.muted}>· {e.reason}</Text>
        </Text>
      ))}
      <Text color={theme.muted}>↑↓ scroll · Esc back</Text>
    </Box>
  );
}
