// The shell-line editing of text fields, key by key, without a terminal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  editLine,
  lineAtEnd,
  lineChars,
  lineView,
  type LineEdit,
  type LineEditAction,
} from '../../screens/line-edit.js';
import { displayWidth } from '../../src/model/text-cells.js';

/** A line written with `|` where the cursor is. */
function at(marked: string): LineEdit {
  const cursor = lineChars(marked).indexOf('|');
  return { text: marked.replace('|', ''), cursor };
}

function show(line: LineEdit): string {
  const chars = lineChars(line.text);
  return [...chars.slice(0, line.cursor), '|', ...chars.slice(line.cursor)].join('');
}

const cases: [string, LineEditAction, string][] = [
  ['ab|', { type: 'insert', text: 'c' }, 'abc|'],
  ['a|c', { type: 'insert', text: 'b' }, 'ab|c'],
  ['|', { type: 'insert', text: 'x y' }, 'x y|'],
  ['abc|', { type: 'backspace' }, 'ab|'],
  ['a|bc', { type: 'backspace' }, '|bc'],
  ['|abc', { type: 'backspace' }, '|abc'],
  ['a|bc', { type: 'delete' }, 'a|c'],
  ['abc|', { type: 'delete' }, 'abc|'],
  ['abc|', { type: 'left' }, 'ab|c'],
  ['|abc', { type: 'left' }, '|abc'],
  ['a|bc', { type: 'right' }, 'ab|c'],
  ['abc|', { type: 'right' }, 'abc|'],
  ['ab|c', { type: 'home' }, '|abc'],
  ['a|bc', { type: 'end' }, 'abc|'],
  ['hello wor|ld', { type: 'kill-to-start' }, '|ld'],
  ['hello wor|ld', { type: 'kill-to-end' }, 'hello wor|'],
  ['hello world|', { type: 'kill-word-back' }, 'hello |'],
  ['hello world  |', { type: 'kill-word-back' }, 'hello |'],
  ['hello wor|ld', { type: 'kill-word-back' }, 'hello |ld'],
  // Like bash's Ctrl+W: a path or a resource id goes back to the whitespace, in one piece.
  ['id /subscriptions/x/workspaces/w|', { type: 'kill-word-back' }, 'id |'],
  ['|abc', { type: 'kill-word-back' }, '|abc'],
  ['foo-bar baz|', { type: 'word-left' }, 'foo-bar |baz'],
  ['foo-bar |baz', { type: 'word-left' }, 'foo-|bar baz'],
  ['|foo-bar baz', { type: 'word-right' }, 'foo|-bar baz'],
  ['foo|-bar baz', { type: 'word-right' }, 'foo-bar| baz'],
  // Positions count graphemes: an emoji is one step, never half of one.
  ['a😀|b', { type: 'backspace' }, 'a|b'],
  ['a|😀b', { type: 'right' }, 'a😀|b'],
  ['名前|', { type: 'left' }, '名|前'],
  // An accented letter (e + U+0301) and a family emoji are one character each.
  ['caf\u0065\u0301|', { type: 'backspace' }, 'caf|'],
  ['|👨‍👩‍👧x', { type: 'right' }, '👨‍👩‍👧|x'],
  ['cafe|', { type: 'insert', text: '\u0301' }, 'caf\u0065\u0301|'],
];

describe('editLine', () => {
  it.each(cases)('%j %j -> %j', (before, action, after) => {
    expect(show(editLine(at(before), action))).toBe(after);
  });

  it('keeps the cursor on the line, whatever the keys', () => {
    const action: fc.Arbitrary<LineEditAction> = fc.oneof(
      fc
        .string({ maxLength: 3, unit: 'grapheme' })
        .map((text): LineEditAction => ({ type: 'insert', text })),
      fc.constantFrom<LineEditAction>(
        { type: 'backspace' },
        { type: 'delete' },
        { type: 'left' },
        { type: 'right' },
        { type: 'word-left' },
        { type: 'word-right' },
        { type: 'home' },
        { type: 'end' },
        { type: 'kill-to-start' },
        { type: 'kill-to-end' },
        { type: 'kill-word-back' },
      ),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(action), (text, actions) => {
        let line = lineAtEnd(text);
        for (const a of actions) {
          const before = line;
          line = editLine(line, a);
          expect(line.cursor).toBeGreaterThanOrEqual(0);
          expect(line.cursor).toBeLessThanOrEqual(lineChars(line.text).length);
          // Cursor moves never change the text; kills only take text away.
          if (!['insert', 'backspace', 'delete'].includes(a.type) && !a.type.startsWith('kill')) {
            expect(line.text).toBe(before.text);
          }
          if (a.type.startsWith('kill')) {
            expect(line.text.length).toBeLessThanOrEqual(before.text.length);
          }
        }
      }),
    );
  });

  it('Ctrl+U then Ctrl+K empties the line', () => {
    const line = editLine(editLine(at('some| text'), { type: 'kill-to-start' }), {
      type: 'kill-to-end',
    });
    expect(line).toEqual({ text: '', cursor: 0 });
  });
});

describe('lineView', () => {
  it('shows a line that fits whole, the cursor on its character', () => {
    expect(lineView(at('ab|cd'), 10)).toEqual({ before: 'ab', at: 'c', after: 'd' });
    expect(lineView(at('abcd|'), 10)).toEqual({ before: 'abcd', at: '', after: '' });
  });

  it('keeps the cursor in view on a long line, cuts marked', () => {
    const text = 'x'.repeat(50) + 'END';
    const end = lineView(lineAtEnd(text), 20);
    expect(end.before.startsWith('…')).toBe(true);
    expect(end.before.endsWith('END')).toBe(true);
    const start = lineView({ text, cursor: 0 }, 20);
    expect(start.before).toBe('');
    expect(start.at).toBe('x');
    expect(start.after.endsWith('…')).toBe(true);
  });

  it('keeps a cursor character of three cells inside a field of four, the marks giving way', () => {
    // U+1D158 U+1D165 U+1D16E: one character, three cells (two spacing combining marks).
    const text = ' \u{1D158}\u{1D165}\u{1D16E} ';
    const view = lineView({ text, cursor: 1 }, 4);
    expect(view.at).toBe('\u{1D158}\u{1D165}\u{1D16E}');
    expect(displayWidth(view.before) + displayWidth(view.at) + displayWidth(view.after)).toBe(4);
  });

  it('never takes more cells than given, wide characters included', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.nat(),
        fc.integer({ min: 4, max: 40 }),
        (text, n, width) => {
          const length = lineChars(text).length;
          const view = lineView({ text, cursor: n % (length + 1) }, width);
          const cells = displayWidth(view.before) + Math.max(1, displayWidth(view.at));
          expect(cells + displayWidth(view.after)).toBeLessThanOrEqual(width);
        },
      ),
    );
  });
});
