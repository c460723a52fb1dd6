import { Box } from 'ink';
import { Text } from '../VisibleText.js';
import type { NodePhase, NodeRow, Rotation } from '../../src/steps/rotation/state.js';
import { progressOf, type Stall } from '../../src/steps/rotation/state.js';
import { theme, type ThemeColor } from '../theme.js';
import { plural } from '../../src/model/plural.js';

const LOOK: Record<NodePhase, { symbol: string; text: string; color?: ThemeColor }> = {
  waiting: { symbol: '·', text: 'waiting', color: theme.muted },
  current: { symbol: '✔', text: 'already current', color: theme.ok },
  surge: { symbol: '+', text: 'surge node added', color: theme.accent },
  cordoned: { symbol: '◌', text: 'cordoned', color: theme.warning },
  draining: { symbol: '◐', text: 'draining', color: theme.warning },
  drained: { symbol: '◑', text: 'drained', color: theme.warning },
  reimaging: { symbol: '↻', text: 'gone: reimaging', color: theme.changed },
  replaced: { symbol: '✔', text: 'replaced', color: theme.ok },
  removed: { symbol: '−', text: 'surge node removed', color: theme.muted },
  quarantined: {
    symbol: '⊘',
    text: 'quarantined (cordoned, could not drain)',
    color: theme.danger,
  },
  blocked: { symbol: '✖', text: 'not done', color: theme.danger },
  unreached: { symbol: '■', text: 'not reached: the operation failed', color: theme.warning },
};

/** An untouched node's words: whether the operation failed or was aborted before reaching it. */
function lookOf(row: NodeRow, status: Rotation['status']): (typeof LOOK)[NodePhase] {
  const look = LOOK[row.phase];
  if (row.phase === 'unreached' && status === 'canceled')
    return { ...look, text: 'not started: the operation was aborted' };
  return look;
}

const STATUS: Record<Rotation['status'], { text: string; color: ThemeColor }> = {
  running: { text: '… running', color: theme.accent },
  succeeded: { text: '✔ succeeded', color: theme.ok },
  failed: { text: '✖ failed', color: theme.danger },
  canceled: { text: '■ aborted', color: theme.warning },
  'left-running': { text: '… still running in Azure (not watched)', color: theme.warning },
  unknown: { text: '? outcome unknown (Azure could not be heard)', color: theme.warning },
};

/** `m:ss` */
function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function detail(row: NodeRow): string {
  if ((row.phase !== 'draining' && row.phase !== 'drained') || row.podsLeft === undefined)
    return '';
  const unread = row.daemonSetsUnread
    ? '; DaemonSets could not be read, so pods of deleted DaemonSets were not counted'
    : '';
  if (row.phase === 'drained') return unread ? ` (${unread.slice(2)})` : '';
  const names = row.waitingFor?.length ? `: ${row.waitingFor.join(', ')}` : '';
  return ` (${row.podsLeft} pod${row.podsLeft === 1 ? '' : 's'} left${names}${unread})`;
}

/** A stalled drain in words: the budget holding it and the countdown to AKS's drain timeout. */
export function stallText(s: Stall): string {
  const why = s.budgets.length
    ? `blocked by PDB ${s.budgets.join(', ')}`
    : `waiting for ${s.pods.length ? s.pods.join(', ') : 'its pods'} to go`;
  const when =
    s.givesUpInMs > 0 ? `AKS gives up in ${clock(s.givesUpInMs)}` : 'AKS drain timeout reached';
  return `${why}, ${when}`;
}

/** Props: the rotation picture, the width to fit, and how many node rows may be shown. */
export interface NodeRotationProps {
  rotation: Rotation;
  width: number;
  maxRows?: number;
}

/** The live node-by-node view of an upgrade or node image upgrade: bar, timing, one row per node. */
export function NodeRotation({ rotation, width, maxRows = 6 }: NodeRotationProps) {
  const { done, total } = progressOf(rotation);
  const elapsedMs = rotation.estimate?.elapsedMs ?? Math.max(0, rotation.now - rotation.startedAt);
  const remainingMs = rotation.estimate?.remainingMs;
  const barWidth = Math.max(5, Math.min(20, width - 60));
  const filled = total === 0 ? barWidth : Math.round((done / total) * barWidth);
  const status = STATUS[rotation.status];
  const stalls = new Map((rotation.estimate?.stalls ?? []).map((st) => [st.node, st]));
  const rows = rotation.rows.slice(0, maxRows);
  const hidden = rotation.rows.length - rows.length;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text bold>{rotation.pool ? `Pool ${rotation.pool}` : 'Control plane'}</Text>
        <Text> · {rotation.what} · </Text>
        <Text color={status.color}>{status.text}</Text>
      </Text>
      {rotation.pool ? (
        <Text wrap="truncate-end">
          <Text color={theme.ok}>{'█'.repeat(filled)}</Text>
          <Text color={theme.muted}>{'░'.repeat(barWidth - filled)}</Text>
          <Text>
            {' '}
            {done}/{total} nodes · {clock(elapsedMs)} elapsed
            {rotation.status !== 'running'
              ? ''
              : remainingMs !== undefined
                ? ` · ~${clock(remainingMs)} left`
                : ' · time left unknown until a node is done'}
          </Text>
        </Text>
      ) : (
        <Text>{clock(elapsedMs)} elapsed</Text>
      )}
      {rows.map((row) => {
        const look = lookOf(row, rotation.status);
        const stall = stalls.get(row.name);
        return (
          <Text key={row.name} wrap="truncate-end">
            <Text color={look.color}> {look.symbol} </Text>
            <Text>{row.name} </Text>
            <Text color={look.color}>{look.text}</Text>
            {stall ? (
              <Text color={stall.budgets.length ? theme.danger : theme.warning}>
                {` · ${stallText(stall)}`}
              </Text>
            ) : (
              <Text color={theme.muted}>{detail(row)}</Text>
            )}
          </Text>
        );
      })}
      {hidden > 0 ? (
        <Text color={theme.muted}> … {plural(hidden, 'more node', 'more nodes')}</Text>
      ) : null}
      {rotation.nodesUnread ? (
        <Text
          color={rotation.nodesUnread.refused ? theme.danger : theme.warning}
          wrap="truncate-end"
        >
          {rotation.nodesUnread.line}
        </Text>
      ) : null}
      {stalls.size > 0 && rotation.drain ? (
        <Text color={theme.muted} wrap="truncate-end">
          {`  drain timeout ${rotation.drain.drainTimeoutMinutes} min per node${rotation.drain.timeScale ? ` (simulated clock ×${rotation.drain.timeScale}: counted down in wall time)` : ''}, undrainableNodeBehavior ${rotation.drain.undrainable}: ${[...stalls.values()][0]!.then}`}
        </Text>
      ) : null}
    </Box>
  );
}

/** How many lines NodeRotation takes for `rotation` with `maxRows`. */
export function rotationHeight(rotation: Rotation, maxRows = 6): number {
  const stalled = rotation.drain && rotation.estimate?.stalls.length ? 1 : 0;
  const unread = rotation.nodesUnread ? 1 : 0;
  return (
    2 +
    Math.min(rotation.rows.length, maxRows) +
    (rotation.rows.length > maxRows ? 1 : 0) +
    stalled +
    unread
  );
}
