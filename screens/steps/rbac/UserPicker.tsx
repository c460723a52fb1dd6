import { Box, Text } from 'ink';
import { useState } from 'react';
import type { CandidateView } from '../../../src/steps/rbac/state.js';
import { LineInput } from '../../LineInput.js';
import { listWindow } from '../../list-window.js';
import { theme } from '../../theme.js';
import { isDownKey, isQuitKey, isUpKey, useLayerInput } from '../../use-layer-input.js';

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
  useLayerInput((input, key) => {
    setWhy(undefined);
    if (key.escape) props.onBack();
    else if (isUpKey(input, key)) setCursor(Math.max(0, at - 1));
    else if (isDownKey(input, key)) setCursor(Math.min(shown.length - 1, at + 1));
    else if (input === '/') setFiltering(true);
    else if (input === '?') props.onHelp();
    else if (isQuitKey(input, key)) props.onQuit();
    else if (key.return && shown[at]) {
      const c = shown[at];
      if (c.unavailable) setWhy(`Not available: ${c.unavailable}`);
      else props.onPick(c);
    }
  }, props.active && !filtering);
  const rows = Math.max(1, props.height - 5);
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
      <Text color={theme.muted}>↑↓ move · / filter · Enter pick · Esc back</Text>
    </Box>
  );
}
