import { Box, useApp, useWindowSize } from 'ink';
import { Text } from './VisibleText.js';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import type { SessionStore } from '../src/runbook/session.js';
import { theme } from './theme.js';
import { InputSuspended } from './key-context.js';
import { useKeys } from './use-keys.js';
import { useRepaintOnResize } from './use-repaint-on-resize.js';
import { useSession } from './use-session.js';

/** The smallest terminal the screens are laid out for. */
const MIN_COLUMNS = 80;
const MIN_ROWS = 24;

/** Props of the size guard. */
export interface SizeGuardProps {
  store: SessionStore;
  onQuit: () => void;
  children: ReactNode;
}

/**
 * Shows the app only in a terminal of at least 80x24. Smaller, it says so in one place instead of
 * a garbled layout; the session (and any running work) carries on, and the app comes back as it
 * was (same screen, same selection) when the window is large enough again. No key acts on a screen
 * the operator cannot see: only `q` works,
 * and only when no work is running (quitting then must ask, on a screen that fits).
 */
export function SizeGuard({ store, onQuit, children }: SizeGuardProps) {
  const { columns, rows } = useWindowSize();
  useRepaintOnResize(columns, rows);
  const small = columns < MIN_COLUMNS || rows < MIN_ROWS;
  const suspended = useRef(small);
  useLayoutEffect(() => {
    suspended.current = small;
  }, [small]);
  // The app stays mounted (hidden, its keys suspended) so the open step, its selection and any
  // dialog are all still there when the window is large enough again.
  return (
    <>
      {small ? <TooSmall store={store} columns={columns} rows={rows} onQuit={onQuit} /> : null}
      <InputSuspended.Provider value={suspended}>
        <Box display={small ? 'none' : 'flex'} flexDirection="column">
          {children}
        </Box>
      </InputSuspended.Provider>
    </>
  );
}

function TooSmall(props: {
  store: SessionStore;
  columns: number;
  rows: number;
  onQuit: () => void;
}) {
  const { busy } = useSession(props.store);
  const { exit } = useApp();
  useKeys(
    {
      name: 'window too small',
      table: [
        {
          keys: ['q', 'ctrl+c'],
          does: 'quit (only while no work is running)',
          when: !busy,
          run: () => {
            props.onQuit();
            exit();
          },
        },
      ],
    },
    true,
  );
  return (
    <Box flexDirection="column" width={Math.max(1, props.columns)}>
      <Text color={theme.warning} wrap="wrap">
        ▲ aks-runbook needs a terminal of at least {MIN_COLUMNS}x{MIN_ROWS}; this one is{' '}
        {props.columns}x{props.rows}.
      </Text>
      <Text wrap="wrap">Make the window larger to go on; the session keeps running.</Text>
      <Text color={theme.muted} wrap="wrap">
        {busy ? 'Work is running: enlarge the window to quit safely.' : 'q quits.'}
      </Text>
    </Box>
  );
}
