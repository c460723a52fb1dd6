import { Box } from 'ink';
import { Text } from '../../VisibleText.js';
import { useState } from 'react';
import type { CandidateView } from '../../../src/steps/rbac/state.js';
import { LineInput } from '../../LineInput.js';
import { listWindow } from '../../list-window.js';
import { theme } from '../../theme.js';
import { backKey, helpKey, quitKeys } from '../../common-keys.js';
import { scrollBinding } from '../../scroll-keys.js';
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
  const [cursor, setCursor] = useState(0);
  const [filter, setFilter] = useState('');
  const [filtering, setFiltering] = useState(false);
  const [why, setWhy] = useState<string>();
  const needle = filter.toLowerCase();
  const shown = props.candidates.filter((c) =>
    `${c.user} ${c.binding} ${c.role}`.toLowerCase().includes(needle),
  );
  const at = Math.min(cursor, Math.max(0, shown.length - 1));
  const rows = Math.max(1, props.height - 4);
  useKeys(
    {
      name: 'rbac: pick a user',
      table: [
        scrollBinding(
          {
            at,
            last: shown.length - 1,
            page: rows,
            to: (i) => {
              setWhy(undefined);
              setCursor(i);
            },
          },
          'move between the users',
          'move',
        ),
        {
          keys: ['/'],
          does: 'filter by user, binding or role',
          hint: 'filter',
          run: () => setFiltering(true),
        },
        {
          keys: ['enter'],
          does: 'pick the user: then type the Entra group that replaces it',
          hint: 'pick',
          when: shown[at] !== undefined,
          run: () => {
            const c = shown[at];
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
    props.active && !filtering,
  );
  const window = listWindow(shown.length, at, rows);
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Pick a user bound directly ({shown.length} of {props.candidates.length})
      </Text>
      {filtering ? (
        <LineInput
          prompt="/"
          value={filter}
          active={props.active}
          onChange={(v) => {
            setFilter(v);
            setCursor(0);
          }}
          name="user filter"
          submitHint="keep the filter"
          cancelHint="clear the filter"
          onSubmit={() => setFiltering(false)}
          onCancel={() => {
            setFilter('');
            setFiltering(false);
          }}
        />
      ) : (
        <Text color={theme.muted}>{filter ? `filter: ${filter}` : ' '}</Text>
      )}
      {shown.length === 0 ? <Text color={theme.muted}>No user matches.</Text> : null}
      {shown.slice(window.start, window.end).map((c, i) => {
        const focused = window.start + i === at;
        return (
          <Text key={c.id} wrap="truncate-end" color={c.unavailable ? theme.muted : undefined}>
            <Text color={theme.accent}>{focused ? '▶ ' : '  '}</Text>
            {c.unavailable ? '✖ ' : c.adminLevel ? '▲ ' : '• '}
            <Text bold={focused}>{c.user}</Text> ({KIND_TEXT[c.userKind]}) · {c.binding} · {c.role}
          </Text>
        );
      })}
      <Text color={why ? theme.danger : theme.muted} wrap="truncate-end">
        {why ?? '▲ cluster-admin level (typed confirmation) · ✖ you lack the rights'}
      </Text>
    </Box>
  );
}
