import { Box, Text } from 'ink';
import type { Connection } from '../src/runbook/session.js';
import { Spinner } from './Spinner.js';
import { theme } from './theme.js';
import { isQuitKey, useLayerInput } from './use-layer-input.js';

/** Props of the connecting / failed screen. */
export interface ConnectionScreenProps {
  connection: Exclude<Connection, { phase: 'connected' }>;
  active: boolean;
  onHelp: () => void;
  onQuit: () => void;
}

/** Before the cluster is reached: a spinner with what is happening, or the one-line failure. */
export function ConnectionScreen({ connection, active, onHelp, onQuit }: ConnectionScreenProps) {
  useLayerInput((input, key) => {
    if (input === '?') onHelp();
    else if (isQuitKey(input, key)) onQuit();
  }, active);
  if (connection.phase === 'connecting') return <Spinner label={connection.detail} />;
  return (
    <Box flexDirection="column">
      <Text color={theme.danger}>✖ {connection.message}</Text>
      <Text color={theme.muted}>Press q to quit.</Text>
    </Box>
  );
}
