import { Text } from './VisibleText.js';
import type { StepInfo, StepStatus } from '../src/model/checklist.js';
import { statusLook } from './step-status.js';
import { cell, displayWidth, fit } from '../src/model/text-cells.js';
import { theme } from './theme.js';

/** Width of the id column: the longest step id plus a space. */
const ID_WIDTH = 11;

/** Width of the title column when the status leaves room for it. */
const TITLE_WIDTH = 30;
/** A title cut shorter than this says nothing: it is left out instead. */
const TITLE_MIN = 8;

/**
 * One checklist line: cursor, status symbol, id, title and status text, on one line. The status
 * (what the step changed, and on which object) comes before the title, which the id already
 * names: a long status narrows the title or leaves it out, and is itself cut in the middle, so
 * the object at its end stays in view.
 */
export function StepRow(props: {
  step: StepInfo;
  status: StepStatus;
  selected: boolean;
  width: number;
}) {
  const { step, status, selected, width } = props;
  const look = statusLook(status);
  // Cursor and symbol take four cells, the id its column; the title is followed by a space.
  const room = Math.max(0, width - 4 - ID_WIDTH);
  const fitted = Math.min(TITLE_WIDTH, room - 1 - displayWidth(look.text));
  const titleWidth = fitted >= TITLE_MIN ? fitted : 0;
  const statusText = fit(look.text, titleWidth > 0 ? room - titleWidth - 1 : room, 'middle');
  return (
    <Text wrap="truncate-end" bold={selected}>
      <Text color={theme.accent}>{selected ? '❯ ' : '  '}</Text>
      <Text color={look.color}>{look.symbol} </Text>
      {cell(step.id, ID_WIDTH)}
      {titleWidth > 0 ? `${cell(step.title, titleWidth)} ` : ''}
      <Text color={look.color}>{statusText}</Text>
    </Text>
  );
}
