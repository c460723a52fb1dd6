import { Box } from 'ink';
import { Text } from '../../VisibleText.js';
import { useState } from 'react';
import { isGuid } from '../../../src/model/guid.js';
import type { DirectoryEntry } from '../../../src/model/directory.js';
import type { CandidateView, GroupSearchView } from '../../../src/steps/rbac/state.js';
import { LineInput } from '../../LineInput.js';
import { listWindow } from '../../list-window.js';
import { theme } from '../../theme.js';
import { plural } from '../../../src/model/plural.js';

/** Props of the group picker. */
export interface GroupPickerProps {
  candidate: CandidateView;
  /** The step's answer to the last search, if any. */
  search: GroupSearchView | undefined;
  /** The picked group is being checked in Entra ID. */
  checking: boolean;
  height: number;
  active: boolean;
  /** Asks the step for groups whose name starts with `prefix` (Microsoft Graph, server-side). */
  onSearch: (prefix: string) => void;
  onSubmit: (groupId: string) => void;
  onCancel: () => void;
}

/** `platform-admins · 4 members · security-enabled`. */
function groupLine(g: DirectoryEntry): string {
  const members =
    g.memberCount === undefined
      ? 'members unknown'
      : `${g.memberCount} member${g.memberCount === 1 ? '' : 's'}`;
  return `${g.name} · ${members} · ${g.securityEnabled === false ? 'NOT security-enabled' : 'security-enabled'}`;
}

/**
 * Picks the Entra group that replaces the user: typing searches groups by the start of their name
 * (↑/↓ move, Enter picks the marked one); a group object id typed whole works too.
 */
export function GroupPicker(props: GroupPickerProps) {
  const { candidate, search } = props;
  const [value, setValue] = useState('');
  const [at, setAt] = useState(0);
  const [error, setError] = useState<string>();
  const typed = value.trim();
  // Only the answer to what is typed now counts (an older answer may still be on its way).
  const current = search && search.prefix === value && typed !== '' ? search : undefined;
  const groups = current?.groups ?? [];
  const focused = groups[Math.min(at, groups.length - 1)];
  const rows = Math.max(1, props.height - 8);
  const window = listWindow(groups.length, at, rows);
  const submit = () => {
    if (isGuid(typed)) return props.onSubmit(typed);
    if (focused) return props.onSubmit(focused.id);
    setError(
      typed === ''
        ? 'Type the start of a group name, or its object id.'
        : `No group picked: none starts with "${typed}" (or wait for the list), or type the object id.`,
    );
  };
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        Replace {candidate.user} with an Entra group
      </Text>
      <Text wrap="wrap">
        On {candidate.binding} ({candidate.role}). Type the start of the group&apos;s name to search
        Entra ID, or its object id.
      </Text>
      <Box marginTop={1}>
        <LineInput
          prompt="Group › "
          value={value}
          active={props.active && !props.checking}
          placeholder="name or xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
          name="group name or object id"
          submitHint="pick the marked group and show the plan (nothing changes yet)"
          cancelHint="back to the users"
          extraKeys={[
            {
              keys: ['up'],
              label: '↑ ↓',
              short: '↑↓',
              does: 'move among the groups found',
              hint: 'move',
              when: groups.length > 1,
              run: () => setAt((i) => Math.max(0, i - 1)),
            },
            {
              keys: ['down'],
              does: 'move among the groups found',
              when: groups.length > 1,
              run: () => setAt((i) => Math.min(groups.length - 1, i + 1)),
            },
          ]}
          onChange={(next) => {
            setValue(next);
            setAt(0);
            setError(undefined);
            props.onSearch(next);
          }}
          onSubmit={submit}
          onCancel={props.onCancel}
        />
      </Box>
      {props.checking ? (
        <Text color={theme.muted}>Checking the group in Entra ID…</Text>
      ) : current?.unavailable ? (
        <Text color={theme.muted} wrap="wrap">
          {current.unavailable} Type the group&apos;s object id.
        </Text>
      ) : current ? (
        <Text color={theme.muted}>
          {current.total === 0
            ? `No group name starts with "${typed}".`
            : `${plural(current.total, 'group')} whose name starts with "${typed}"${current.total > groups.length ? ` (first ${groups.length} shown)` : ''}:`}
        </Text>
      ) : (
        <Text> </Text>
      )}
      {groups.slice(window.start, window.end).map((g, i) => {
        const mark = window.start + i === at;
        return (
          <Text
            key={g.id}
            wrap="truncate-end"
            color={g.securityEnabled === false || g.memberCount === 0 ? theme.warning : undefined}
          >
            <Text color={theme.accent}>{mark ? '▶ ' : '  '}</Text>
            <Text bold={mark}>{groupLine(g)}</Text> <Text color={theme.muted}>{g.id}</Text>
          </Text>
        );
      })}
      {error ? (
        <Text color={theme.danger} wrap="wrap">
          ✖ {error}
        </Text>
      ) : null}
    </Box>
  );
}
