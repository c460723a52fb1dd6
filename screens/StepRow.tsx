import { Text } from './VisibleText.js';
import type { StepInfo, StepStatus } from '../src/model/checklist.js';
import { statusLook } from './step-status.js';
import { cell } from '../src/model/text-cells.js';
import { theme } from './theme.js';

/** Width of the id column: the longest step id plus a space. */
const ID_WIDTH = 11;

/** One checklist line: cursor, status symbol, id, title and status text, cut to one line. */
export function StepRow(props: {
  step: StepInfo;
  status: StepStatus;
  selected: boolean;
  width: number;
}) {
  const { step, status, selected, width } = props;
  const look = statusLook(status);
  const titleWidth = Math.max(8, Math.min(30, width - 4 - ID_WIDTH - 18));
  return (
    <Text wrap="truncate-end" bold={selected}>
      <Text color={theme.accent}>{selected ? '❯ ' : '  '}</Text>
      <Text color={look.color}>{look.symbol} </Text>
      {cell(step.id, ID_WIDTH)}
      {cell(step.title, titleWidth)} <Text color={look.color}>{look.text}</Text>
    </Text>
  );
}
