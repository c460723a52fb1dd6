import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { theme } from './theme.js';

/** A bordered box with a title, for questions that wait for the operator. */
export function DialogFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.warning} paddingX={1}>
      <Text bold color={theme.warning} wrap="truncate-end">
        {title}
      </Text>
      {children}
    </Box>
  );
}
