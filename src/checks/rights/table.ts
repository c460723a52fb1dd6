import { cell } from '../../model/text-cells.js';
import { RIGHTS, RIGHTS_NEEDED, type StepNeeds } from '../../model/rights.js';
import type { RightAnswer, RightAnswers } from '../../model/rights.js';

const STEP_WIDTH = 11;
const RIGHT_WIDTH = 34;

/**
 * The rights table as text lines: each later step, each right it needs (to look, then to change),
 * and the answer with the API's reason. Symbols carry the meaning, never colour alone.
 */
export function rightsTable(
  answers: RightAnswers,
  needs: readonly StepNeeds[] = RIGHTS_NEEDED,
): string[] {
  const lines = [`${pad('step', STEP_WIDTH)}${pad('needs', RIGHT_WIDTH)}you`];
  for (const need of needs) {
    const rows = [
      ...need.read.map((k) => ({ k, use: 'look' })),
      ...need.write.map((k) => ({ k, use: 'change' })),
    ];
    rows.forEach(({ k, use }, i) => {
      const step = i === 0 ? need.step : '';
      const label = `${use === 'change' ? '+ ' : ''}${RIGHTS[k].label}`;
      lines.push(`${pad(step, STEP_WIDTH)}${pad(label, RIGHT_WIDTH)}${verdict(answers[k])}`);
    });
  }
  lines.push('(+ = needed to change, the others to look)');
  return lines;
}

/** One answer in words, with the reason when there is one. */
export function verdict(answer: RightAnswer | undefined): string {
  if (!answer) return '? not asked';
  switch (answer.state) {
    case 'allowed':
      return '✔ allowed';
    case 'denied':
      return `✖ not allowed${answer.reason ? `: ${answer.reason}` : ''}`;
    case 'unknown':
      return `? unknown: ${answer.reason}`;
  }
}

/** `text` in `width` cells, the last one a space: cut with an ellipsis when longer. */
function pad(text: string, width: number): string {
  return `${cell(text, width - 1)} `;
}
