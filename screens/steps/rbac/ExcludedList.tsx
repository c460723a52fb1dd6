import { Box } from 'ink';
import { Text } from '../../VisibleText.js';
import { useState } from 'react';
import type { ExcludedBinding } from '../../../src/steps/rbac/state.js';
import { theme } from '../../theme.js';
import { backKey, helpKey, quitKeys } from '../../common-keys.js';
import { scrollBinding } from '../../scroll-keys.js';
import { useKeys } from '../../use-keys.js';

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
  const rows = Math.max(1, props.height - 1);
  const max = Math.max(0, props.excluded.length - rows);
  useKeys(
    {
      name: 'rbac: excluded bindings',
      table: [
        scrollBinding({ at: top, last: max, page: rows, to: setTop }, 'scroll the list', 'scroll'),
        backKey(props.onBack, 'back to the rbac step'),
        helpKey(props.onHelp),
        quitKeys(props.onQuit),
      ],
    },
    props.active,
  );
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
    </Box>
  );
}
