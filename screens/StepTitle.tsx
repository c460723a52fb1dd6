import { Text } from './VisibleText.js';
import type { StepInfo, StepStatus } from '../src/model/checklist.js';
import { statusLook } from './step-status.js';
import { theme } from './theme.js';

/** A step's title line: its status symbol, title, id and status words, cut at the width. */
export function StepTitle({ step, status }: { step: StepInfo; status: StepStatus }) {
  const look = statusLook(status);
  return (
    <Text wrap="truncate-end">
      <Text color={look.color}>{look.symbol} </Text>
      <Text bold>{step.title}</Text>
      <Text color={theme.muted}> ({step.id}) · </Text>
      <Text color={look.color}>{look.text}</Text>
    </Text>
  );
}
