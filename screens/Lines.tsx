import { Text } from './VisibleText.js';
import type { FrameLine } from './step-lines.js';

/** Renders styled lines, each cut to one terminal line. */
export function Lines({ lines, from = 0 }: { lines: readonly FrameLine[]; from?: number }) {
  return (
    <>
      {lines.map((line, index) => (
        <Text key={from + index} wrap="truncate-end">
          {line.map((segment, part) => (
            <Text key={part} color={segment.color} bold={segment.bold}>
              {segment.text}
            </Text>
          ))}
        </Text>
      ))}
    </>
  );
}
