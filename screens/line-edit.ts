import { displayWidth } from '../src/model/text-cells.js';

// The editing of a one-line text field, as a shell line edits (readline's emacs keys): pure, so
// every key is tested without a terminal. Positions count graphemes (what the eye sees as one
// character: an emoji, a letter with its accents), so a key never splits one.

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `text` as the characters a cursor steps over. */
export function lineChars(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** A field's text and where the cursor is (0 = before the first character). */
export interface LineEdit {
  text: string;
  cursor: number;
}

/** What a key does to the line. */
export type LineEditAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'word-left' }
  | { type: 'word-right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'kill-to-start' }
  | { type: 'kill-to-end' }
  | { type: 'kill-word-back' };

/** A line with the cursor after its last character. */
export function lineAtEnd(text: string): LineEdit {
  return { text, cursor: lineChars(text).length };
}

/** The line after one editing key. */
export function editLine(line: LineEdit, action: LineEditAction): LineEdit {
  const chars = lineChars(line.text);
  const at = Math.max(0, Math.min(line.cursor, chars.length));
  // Counted again after joining: an accent typed after its letter joins it.
  const join = (left: string[], right: string[]): LineEdit => ({
    text: [...left, ...right].join(''),
    cursor: lineChars(left.join('')).length,
  });
  const before = chars.slice(0, at);
  const after = chars.slice(at);
  switch (action.type) {
    case 'insert':
      return join([...before, ...lineChars(action.text)], after);
    case 'backspace':
      return join(before.slice(0, -1), after);
    case 'delete':
      return join(before, after.slice(1));
    case 'left':
      return { text: line.text, cursor: Math.max(0, at - 1) };
    case 'right':
      return { text: line.text, cursor: Math.min(chars.length, at + 1) };
    case 'word-left':
      return { text: line.text, cursor: wordStartBefore(chars, at, isWordChar) };
    case 'word-right':
      return { text: line.text, cursor: wordEndAfter(chars, at) };
    case 'home':
      return { text: line.text, cursor: 0 };
    case 'end':
      return { text: line.text, cursor: chars.length };
    case 'kill-to-start':
      return join([], after);
    case 'kill-to-end':
      return join(before, []);
    case 'kill-word-back':
      // Ctrl+W as in bash: back to the whitespace before the word (a path goes in one piece).
      return join(
        before.slice(
          0,
          wordStartBefore(chars, at, (c) => !/\s/u.test(c)),
        ),
        after,
      );
  }
}

/** Where the word ending at `at` starts: skip separators, then word characters. */
function wordStartBefore(chars: string[], at: number, inWord: (c: string) => boolean): number {
  let i = at;
  while (i > 0 && !inWord(chars[i - 1]!)) i--;
  while (i > 0 && inWord(chars[i - 1]!)) i--;
  return i;
}

/** Where the word starting at or after `at` ends. */
function wordEndAfter(chars: string[], at: number): number {
  let i = at;
  while (i < chars.length && !isWordChar(chars[i]!)) i++;
  while (i < chars.length && isWordChar(chars[i]!)) i++;
  return i;
}

function isWordChar(c: string): boolean {
  return /[\p{L}\p{N}_]/u.test(c);
}

/** The part of a line that fits in a field: the cursor always inside it, cuts marked `…`. */
export interface LineView {
  before: string;
  /** The character under the cursor ('' at the end of the line). */
  at: string;
  after: string;
}

/**
 * What of `line` to show in `width` cells (4 at least: a wide character and two cut marks), the
 * cursor's cell included: all of it when it fits, else a window around the cursor, a cut side
 * marked with `…`.
 */
export function lineView(line: LineEdit, width: number): LineView {
  const chars = lineChars(line.text);
  const at = Math.max(0, Math.min(line.cursor, chars.length));
  const under = chars[at] ?? '';
  // The cursor's cell: at the end of the line, or on a zero-width character, it takes one.
  const cursorCells = Math.max(1, displayWidth(under));
  const room = Math.max(1, width);
  let start = at;
  let end = at + (under === '' ? 0 : 1);
  let used = cursorCells;
  const fits = (extra: number, s: number, e: number) =>
    used + extra + (s > 0 ? 1 : 0) + (e < chars.length ? 1 : 0) <= room;
  if (displayWidth(line.text) - displayWidth(under) + cursorCells <= room) {
    start = 0;
    end = chars.length;
  }
  // Else grow the window from the cursor: first to the left (what was just typed), then right.
  while (start > 0 && fits(displayWidth(chars[start - 1]!), start - 1, end)) {
    start--;
    used += displayWidth(chars[start]!);
  }
  while (end < chars.length && fits(displayWidth(chars[end]!), start, end + 1)) {
    used += displayWidth(chars[end]!);
    end++;
  }
  // A cursor character too wide to sit between two marks (a cluster of three cells or more in a
  // narrow field): the marks give way, the one on the right first, so the field never overflows.
  const left = start > 0;
  const right = end < chars.length && used + (left ? 1 : 0) + 1 <= room;
  const leftShown = left && used + 1 <= room;
  return {
    before: (leftShown ? '…' : '') + chars.slice(start, at).join(''),
    at: under,
    after: chars.slice(at + 1, end).join('') + (right ? '…' : ''),
  };
}
