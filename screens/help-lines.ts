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
