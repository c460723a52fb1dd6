// A text field edits like a shell line: the cursor moves, Ctrl+U/K/W delete, and it is drawn.
import chalk from 'chalk';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { CURSOR_MARK, LineInput } from '../../screens/LineInput.js';
import { BACKSPACE, END, ENTER, HOME, LEFT, RIGHT, renderInk } from '../helpers/ink.js';

const CTRL = (letter: string) => String.fromCharCode(letter.charCodeAt(0) - 0x60);
const DELETE = '\u001B[3~';
const ALT_B = '\u001Bb';

function Field({ onSubmit }: { onSubmit: (value: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <LineInput
      prompt="› "
      value={value}
      active
      onChange={setValue}
      onSubmit={onSubmit}
      onCancel={vi.fn()}
    />
  );
}

/** The field's line, with the cursor's cell marked `|` before the character it is on. */
async function typedLine(keys: string[]): Promise<{ line: string; submitted: string }> {
  const onSubmit = vi.fn();
  const ui = await renderInk(<Field onSubmit={onSubmit} />);
  for (const key of keys) {
    if (key.length > 1 && !key.startsWith('\u001B')) await ui.type(key);
    else await ui.press(key);
  }
  await ui.press(ENTER);
  return {
    line: ui.frame().split('\n')[0]!.trimEnd(),
    submitted: onSubmit.mock.calls.at(-1)?.[0] as string,
  };
}

describe('LineInput edits like a shell line', () => {
  it.each([
    [['hello world', CTRL('w')], 'hello '],
    [['hello world', CTRL('u')], ''],
    [['hello world', CTRL('a'), CTRL('k')], ''],
    [['hello world', LEFT, LEFT, LEFT, LEFT, LEFT, CTRL('u')], 'world'],
    [['hello world', LEFT, LEFT, LEFT, LEFT, LEFT, CTRL('k')], 'hello '],
    [['wrld', HOME, RIGHT, 'o'], 'world'],
    [['ab', CTRL('a'), 'x', CTRL('e'), 'y'], 'xaby'],
    [['abc', LEFT, BACKSPACE], 'ac'],
    [['abc', LEFT, LEFT, DELETE], 'ac'],
    [['abc', HOME, DELETE, END, 'd'], 'bcd'],
    [['one two', ALT_B, CTRL('w'), 'x'], 'xtwo'],
  ])('%j gives %j', async (keys, expected) => {
    const { submitted } = await typedLine(keys);
    expect(submitted).toBe(expected);
  });

  it('draws the cursor where it is: a bar without styles, an inverse cell with them', async () => {
    const ui = await renderInk(<Field onSubmit={vi.fn()} />);
    await ui.type('abc');
    await ui.press(LEFT);
    expect(ui.frame().split('\n')[0]).toBe(`› ab${CURSOR_MARK}c`);
    const level = chalk.level;
    chalk.level = 1;
    try {
      await ui.press(RIGHT);
      // SGR 7 (inverse) on the cell after the text: where the next character goes.
      expect(ui.raw()).toContain('abc\u001B[7m \u001B[27m');
      await ui.press(HOME);
      expect(ui.raw()).toContain('\u001B[7ma\u001B[27mbc');
    } finally {
      chalk.level = level;
    }
  });

  it('keeps the cursor in view on a line longer than the terminal', async () => {
    const ui = await renderInk(<Field onSubmit={vi.fn()} />, { columns: 40, rows: 10 });
    await ui.type('x'.repeat(30) + 'y'.repeat(30));
    expect(ui.frame()).toContain(`…xxxx${'y'.repeat(30)}${CURSOR_MARK}`);
    await ui.press(HOME);
    const line = ui.frame().split('\n')[0]!;
    expect(line.startsWith(`› ${CURSOR_MARK}xxxx`)).toBe(true);
    expect(line.trimEnd().endsWith('…')).toBe(true);
    expect(Array.from(line.trimEnd()).length).toBeLessThanOrEqual(40);
  });
});
