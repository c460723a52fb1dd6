import { Box, Text } from 'ink';
import type { ConfirmationRequest } from '../src/runbook/session.js';
import { theme } from './theme.js';

/** The part every confirmation shares: which cluster, the exact change, and its details. */
export function ChangeSummary({ request }: { request: ConfirmationRequest }) {
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={theme.muted}>Cluster: </Text>
        <Text bold color={theme.accent}>
          {request.cluster}
        </Text>
      </Text>
      <Text>
        <Text color={theme.muted}>Change: </Text>
        <Text bold color={theme.danger}>
          {request.change}
        </Text>
      </Text>
      {(request.details ?? []).map((line, index) => (
        <Text key={index}> {line}</Text>
      ))}
    </Box>
  );
}
