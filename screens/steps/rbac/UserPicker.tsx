import { Box } from 'ink';
import { Text } from '../../VisibleText.js';
import { useState } from 'react';
import type { CandidateView } from '../../../src/steps/rbac/state.js';
import { useFilteredList } from '../../components/use-filtered-list.js';
import { theme } from '../../theme.js';
import { backKey, helpKey, quitKeys } from '../../common-keys.js';
import { useKeys } from '../../use-keys.js';

/** Props of the list of users bound directly. */
export interface UserPickerProps {
  candidates: readonly CandidateView[];
  height: number;
  active: boolean;
  onPick: (candidate: CandidateView) => void;
  onBack: () => void;
  onHelp: () => void;
  onQuit: () => void;
}

const KIND_TEXT = { upn: 'UPN', guest: 'guest', 'object-id': 'object id', other: 'other' } as const;

/** Picks one user subject: ↑/↓ move, `/` filters, Enter picks, Esc goes back. */
export function UserPicker(props: UserPickerProps) {
  const [why, setWhy] = useState<string>();
  const rows = Math.max(1, props.height - 4);
  const list = useFilteredList(props.candidates, {
    text: (c) => `${c.user} ${c.userName ?? ''} ${c.binding} ${c.role}`,
    key: (c) => c.id,
    rows,
    active: props.active,
    items: 'the users',
    filterDoes: 'filter by user, name, binding or role',
    name: 'user filter',
    onMove: () => setWhy(undefined),
  });
  const { shown, window } = list;
  useKeys(
    {
      name: 'rbac: pick a user',
      table: [
        ...list.bindings,
        {
          keys: ['enter'],
          does: 'pick the user: then type the Entra group that replaces it',
          hint: 'pick',
          when: list.focused !== undefined,
          run: () => {
            const c = list.focused;
            if (!c) return;
            if (c.unavailable) setWhy(`Not available: ${c.unavailable}`);
            else props.onPick(c);
          },
        },
        backKey(props.onBack, 'back to the rbac step'),
        helpKey(props.onHelp),
        quitKeys(props.onQuit),
      ],
    },
    props.active && !list.filtering,
  );
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Pick a user bound directly ({shown.length} of {props.candidates.length})
      </Text>
      {list.filterLine}
      {shown.length === 0 ? <Text color={theme.muted}>No user matches.</Text> : null}
      {shown.slice(window.start, window.end).map((c, i) => {
        const focused = window.start + i === list.at;
        return (
          <Text key={c.id} wrap="truncate-end" color={c.unavailable ? theme.muted : undefined}>
            <Text color={theme.accent}>{focused ? '▶ ' : '  '}</Text>
            {c.unavailable ? '✖ ' : c.adminLevel ? '▲ ' : '• '}
            <Text bold={focused}>{c.user}</Text>{' '}
            {c.userName ? `= ${c.userName}` : `(${KIND_TEXT[c.userKind]})`} · {c.binding} · {c.role}
          </Text>
        );
      })}
      <Text color={why ? theme.danger : theme.muted} wrap="truncate-end">
        {why ?? '▲ admin level (typed) · ✖ needs rights this login does not have'}
      </Text>
    </Box>
  );
}
