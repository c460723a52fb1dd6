import { Box } from 'ink';
import { Text } from '../../VisibleText.js';
import type { ImdsState } from '../../../src/steps/imds/state.js';
import { theme } from '../../theme.js';

/** The three actions of the step, or why each is not available; nothing at all in read-only mode. */
export function ImdsActions({ state }: { state: ImdsState | undefined }) {
  if (state?.phase !== 'ready' || (!state.apply && !state.rollback && !state.probe)) {
    let why = 'Read-only: no change is offered.';
    if (state?.phase === 'running') why = '… working (progress below)';
    else if (state?.phase !== 'ready') why = '… looking';
    else if (state.forbidden) why = 'No change is offered: the step could not check.';
    return (
      <Box flexDirection="column">
        <Text color={theme.muted} wrap="truncate-end">
          {why}
        </Text>
        <Text> </Text>
        <Text> </Text>
      </Box>
    );
  }
  // Not available: the short name and why, so the reason fits one line of 80 columns.
  const part = (
    key: string,
    label: string,
    short: string,
    action: { unavailable?: string } | undefined,
  ) =>
    action?.unavailable === undefined ? (
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          [{key}]
        </Text>{' '}
        {label}
      </Text>
    ) : (
      <Text color={theme.muted} wrap="truncate-end">
        [{key}] {short}: not available, {action.unavailable}
      </Text>
    );
  return (
    <Box flexDirection="column">
      {part('a', 'apply to the chosen namespaces', 'apply', state.apply)}
      {part('r', 'roll back the policies this tool created', 'roll back', state.rollback)}
      {part(
        'p',
        'probe the chosen namespaces (a short-lived pod tries the endpoint)',
        'probe',
        state.probe,
      )}
    </Box>
  );
}
