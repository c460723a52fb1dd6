import { cell } from '../src/model/text-cells.js';
import { bindingLabel, type KeyBinding } from './key-table.js';
import type { FrameLine } from './step-lines.js';
import { wrapWords } from './text.js';

/** One entry per binding: its keys in a column, what they do wrapped beside them. */
export function helpLines(keys: readonly KeyBinding[], width: number): FrameLine[] {
  const labelWidth = Math.min(30, Math.max(4, ...keys.map((b) => bindingLabel(b).length)) + 2);
  return keys.flatMap((binding) =>
    wrapWords(binding.does, Math.max(10, width - labelWidth)).map((text, index): FrameLine => [
      { text: cell(index === 0 ? bindingLabel(binding) : '', labelWidth), bold: true },
      { text },
    ]),
  );
}

/**
 * A dialog's `?`: shows or hides every key of the question in place of its details (its key line
 * may leave some out), back at the top.
 */
export function keysToggle(
  shown: boolean,
  setShown: (shown: boolean) => void,
  setTop: (top: number) => void,
): KeyBinding {
  return {
    keys: ['?'],
    does: 'show or hide every key of this question, in place of the details',
    unguarded: true,
    run: () => {
      setShown(!shown);
      setTop(0);
    },
  };
}
