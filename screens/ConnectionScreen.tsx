import type { Connection } from '../src/runbook/session.js';
import { helpKey } from './common-keys.js';
import { Spinner } from './Spinner.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';
import { useKeys } from './use-keys.js';

/** Props of the connecting / failed screen. */
export interface ConnectionScreenProps {
  connection: Exclude<Connection, { phase: 'connected' }>;
  active: boolean;
  onHelp: () => void;
  onQuit: () => void;
}

/** Before the cluster is reached: a spinner with what is happening, or the one-line failure. */
export function ConnectionScreen({ connection, active, onHelp, onQuit }: ConnectionScreenProps) {
  const connecting = connection.phase === 'connecting';
  useKeys(
    {
      name: connecting ? 'connecting' : 'connection failed',
      table: [
        helpKey(onHelp),
        {
          keys: ['q', 'escape', 'ctrl+c'],
          label: 'q Esc Ctrl+C',
          short: 'q',
          does: connecting ? 'stop connecting and quit' : 'quit',
          hint: 'quit',
          run: onQuit,
        },
      ],
    },
    active,
  );
  if (connecting) return <Spinner label={connection.detail} />;
  // How to quit is the footer's (one row of keys on every screen), not a line of its own here.
  return <Text color={theme.danger}>✖ {connection.message}</Text>;
}
