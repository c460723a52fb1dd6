import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  printable,
  terminalSafeJson,
  visible,
  visibleDeep,
  visibleLines,
} from '../../src/model/visible-text.js';

// Every character a terminal acts on instead of printing, by the ranges of ECMA-48 and Unicode.
const ACTED_ON =
  // eslint-disable-next-line no-control-regex -- the characters under test
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('visible', () => {
  it.each([
    ['clear screen (CSI)', 'a\u001b[2Jb', 'a\\x1b[2Jb'],
    ['window title (OSC 0, BEL)', '\u001b]0;pwned\u0007', '\\x1b]0;pwned\\x07'],
    ['clipboard write (OSC 52, ST)', '\u001b]52;c;ZXZpbA==\u001b\\', '\\x1b]52;c;ZXZpbA==\\x1b\\'],
    [
      'hyperlink (OSC 8)',
      '\u001b]8;;http://x\u0007y\u001b]8;;\u0007',
      '\\x1b]8;;http://x\\x07y\\x1b]8;;\\x07',
    ],
    ['carriage return', 'ok\rbad', 'ok\\rbad'],
    ['backspace', 'ab\bc', 'ab\\x08c'],
    ['newline and tab', 'a\nb\tc', 'a\\nb\\tc'],
    ['C1 CSI', 'x\u009b2Jy', 'x\\x9b2Jy'],
    ['DEL', 'a\u007fb', 'a\\x7fb'],
    ['bidi override', 'user\u202egnp.exe', 'user\\u202egnp.exe'],
    ['line separator', 'a\u2028b', 'a\\u2028b'],
  ])('shows %s as escapes', (_what, input, shown) => {
    expect(visible(input)).toBe(shown);
  });

  it.each([
    ['a zero-width space', 'alice\u200b', 'alice\\u200b'],
    ['a word joiner', 'system:\u2060masters', 'system:\\u2060masters'],
    ['a byte order mark', '\ufeffadmin', '\\ufeffadmin'],
    ['a soft hyphen', 'cluster\u00adadmin', 'cluster\\xadadmin'],
    ['a tag character (two UTF-16 units)', 'bob\u{e0041}', 'bob\\udb40\\udc41'],
    ['a variation selector', 'admin\ufe01', 'admin\\ufe01'],
    ['an emoji presentation selector after a letter', 'root\ufe0f', 'root\\ufe0f'],
    ['a supplementary variation selector', 'ops\u{e0100}', 'ops\\udb40\\udd00'],
    ['the last supplementary variation selector', 'ops\u{e01ef}', 'ops\\udb40\\uddef'],
    ['a combining grapheme joiner', 'dev\u034fops', 'dev\\u034fops'],
    ['a Hangul choseong filler', 'a\u115fb', 'a\\u115fb'],
    ['a Hangul jungseong filler', 'a\u1160b', 'a\\u1160b'],
    ['a Hangul filler', 'a\u3164b', 'a\\u3164b'],
    ['a halfwidth Hangul filler', 'a\uffa0b', 'a\\uffa0b'],
    ['a Khmer inherent vowel', 'a\u17b4b\u17b5', 'a\\u17b4b\\u17b5'],
    ['a deprecated format character', 'a\u206ab\u206f', 'a\\u206ab\\u206f'],
    ['an interlinear annotation mark', '\ufff9a\ufffab\ufffb', '\\ufff9a\\ufffab\\ufffb'],
  ])('shows %s, which would make two names look alike, as an escape', (_what, input, shown) => {
    expect(visible(input)).toBe(shown);
    expect(visible(input)).not.toBe(visible(input.replace(/[^\x20-\x7e]/gu, '')));
  });

  it('leaves joiners, and presentation selectors after a pictograph, alone: Persian names and emoji need them', () => {
    for (const text of [
      '\u0639\u0644\u06cc\u200c\u0631\u0636\u0627',
      '👩\u200d💻',
      '❤\ufe0f',
      '✔\ufe0e',
    ]) {
      expect(visible(text)).toBe(text);
    }
  });

  it('leaves ordinary text, accents, symbols and wide characters alone', () => {
    for (const text of ['aks-prod-weu', 'Zoë Müller', '✔ ok · ▶ ◀', '日本語', 'a\\x1b literal']) {
      expect(visible(text)).toBe(text);
    }
  });

  it('never lets a character a terminal acts on through, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const once = visible(text);
        expect(once).not.toMatch(ACTED_ON);
        expect(visible(once)).toBe(once);
      }),
    );
  });

  it('never lets an invisible character through, wherever it stands', () => {
    const invisible = [
      '\u00ad',
      '\u034f',
      '\u115f',
      '\u1160',
      '\u17b4',
      '\u17b5',
      '\u180e',
      '\u200b',
      '\u2060',
      '\u2064',
      '\u206a',
      '\u206f',
      '\u3164',
      '\ufe00',
      '\ufe0e',
      '\ufe0f',
      '\ufeff',
      '\uffa0',
      '\ufff9',
      '\ufffb',
      '\u{e0001}',
      '\u{e007f}',
      '\u{e0100}',
      '\u{e01ef}',
    ];
    const unit = fc.constantFrom(...invisible, 'a', '-', '1', '\\');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 12 }), (units) => {
        const once = visible(units.join(''));
        for (const char of invisible) expect(once).not.toContain(char);
        expect(visible(once)).toBe(once);
      }),
    );
  });

  // A backslash is shown as it is (names stay readable), so only text without one decodes back
  // unambiguously; text with one still hides nothing (the property above).
  it('loses nothing: decoding the escapes of text without a backslash gives it back', () => {
    const decode = (shown: string) =>
      shown.replace(
        /\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|([tnr]))/g,
        (_m, x?: string, u?: string, c?: string) =>
          c
            ? ({ t: '\t', n: '\n', r: '\r' } as Record<string, string>)[c]!
            : String.fromCharCode(parseInt(x ?? u!, 16)),
      );
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((text) => !text.includes('\\')),
        (text) => {
          expect(decode(visible(text))).toBe(text);
        },
      ),
    );
  });
});

describe('visibleLines', () => {
  it('keeps line breaks and shows everything else', () => {
    expect(visibleLines('one\ntwo\u001b[31m\r\n')).toBe('one\ntwo\\x1b[31m\\r\n');
  });
});

describe('printable', () => {
  it('keeps line breaks and tabs, shows every other control character', () => {
    expect(printable('a\tb\nc\u001b]0;x\u0007\r')).toBe('a\tb\nc\\x1b]0;x\\x07\\r');
  });
});

describe('visibleDeep', () => {
  it('passes every string of a structure through visible, keys included, numbers untouched', () => {
    const data = {
      name: 'a\u001b[2J',
      n: 3,
      ok: true,
      none: null,
      list: ['\u0007', { 'k\u001b': 'v\r' }],
    };
    expect(visibleDeep(data)).toEqual({
      name: 'a\\x1b[2J',
      n: 3,
      ok: true,
      none: null,
      list: ['\\x07', { 'k\\x1b': 'v\\r' }],
    });
    expect(data.name).toBe('a\u001b[2J');
  });
});

describe('terminalSafeJson', () => {
  it('escapes invisible characters as visible does, astral ones as a surrogate pair', () => {
    const json = terminalSafeJson(JSON.stringify({ n: 'a\u034f\ufe01\u{e0100}\u3164❤\ufe0f' }));
    expect(json).toBe('{"n":"a\\u034f\\ufe01\\udb40\\udd00\\u3164❤\ufe0f"}');
    expect(JSON.parse(json)).toEqual({ n: 'a\u034f\ufe01\u{e0100}\u3164❤\ufe0f' });
  });

  it('is the same JSON value, with no raw character a terminal acts on', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        const document = { value, text };
        const json = terminalSafeJson(JSON.stringify(document, null, 2));
        expect(json.replace(/\n/g, '')).not.toMatch(ACTED_ON);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(document)));
      }),
    );
  });
});
