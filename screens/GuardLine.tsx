import { footerText, type KeyBinding } from './key-table.js';
import { Text } from './VisibleText.js';
import { theme } from './theme.js';

/**
 * The two lines under a question: its keys (drawn from its key table) once they answer, and what
 * was ignored. Until the guard time is over the first line says to read first.
 */
export function GuardLine(props: {
  table: readonly KeyBinding[];
  armed: boolean;
  dropped: boolean;
  width: number;
  /** What the second line says instead (the question's own word on what it ignored). */
  note?: string;
}) {
  return (
    <>
      <Text color={theme.muted} wrap="truncate-end">
        {props.armed
          ? footerText(props.table, props.width)
          : '… read the question: keys answer in a moment'}
      </Text>
      <Text color={theme.warning} wrap="truncate-end">
        {props.note ??
          (props.dropped
            ? '! Keys typed before this question appeared, or in one go, were ignored.'
            : ' ')}
      </Text>
    </>
  );
}
