import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeyParser, type InputEvent } from '../../screens/key-parser.js';
import { keyId } from '../../screens/key-sequences.js';

/** What the parser makes of `chunks` read one after another, then of the silence after them. */
function parse(...chunks: string[]): string[] {
  const parser = createKeyParser();
  const events = [...chunks.flatMap((c) => parser.push(c)), ...parser.flush()];
  return events.map(describeEvent);
}

function describeEvent(event: InputEvent): string {
  return event.kind === 'paste' ? `paste:${JSON.stringify(event.text)}` : keyId(event.key);
}

// How terminals send each key (xterm, VT220, rxvt, tmux, screen, the Linux console).
const ENCODINGS: ReadonlyArray<[string, string]> = [
  ['\u001b[A', 'up'],
  ['\u001b[B', 'down'],
  ['\u001b[C', 'right'],
  ['\u001b[D', 'left'],
  ['\u001bOA', 'up'],
  ['\u001bOB', 'down'],
  ['\u001b[H', 'home'],
  ['\u001b[F', 'end'],
  ['\u001bOH', 'home'],
  ['\u001bOF', 'end'],
  ['\u001b[1~', 'home'],
  ['\u001b[4~', 'end'],
  ['\u001b[7~', 'home'],
  ['\u001b[8~', 'end'],
  ['\u001b[5~', 'pageup'],
  ['\u001b[6~', 'pagedown'],
  ['\u001b[3~', 'delete'],
  ['\u001b[2~', 'insert'],
  ['\u001b[1;5A', 'ctrl+up'],
  ['\u001b[1;2B', 'shift+down'],
  ['\u001b[1;3C', 'meta+right'],
  ['\u001b[5;5~', 'ctrl+pageup'],
  ['\u001b[3;2~', 'shift+delete'],
  ['\u001b[Z', 'shift+tab'],
  ['\u001bOP', 'f1'],
  ['\u001b[15~', 'f5'],
  ['\u001b[24~', 'f12'],
  ['\u001b[I', 'unknown'],
  ['\u001b[?1;2c', 'unknown'],
  ['\u001b[[A', 'unknown'],
  ['\u001b[13;2u', 'shift+enter'],
  ['\u001b[27;5;106~', 'ctrl+j'],
  ['\r', 'enter'],
  ['\n', 'enter'],
  ['\t', 'tab'],
  ['\u007f', 'backspace'],
  ['\b', 'backspace'],
  ['\u0003', 'ctrl+c'],
  ['\u0004', 'ctrl+d'],
  ['\u0000', 'ctrl+space'],
  ['\u001c', 'ctrl+\\'],
  ['\u001bx', 'meta+x'],
  ['\u001b\r', 'meta+enter'],
  ['\u001b\u001b[A', 'escape'], // Esc, then the arrow (checked as a pair below)
  ['j', 'j'],
  ['G', 'G'],
  [' ', 'space'],
  ['?', '?'],
  ['é', 'é'],
  ['😀', '😀'],
  ['\u009b', 'unknown'],
];

describe('key parser', () => {
  it.each(ENCODINGS.filter(([bytes]) => !bytes.startsWith('\u001b\u001b')))(
    '%j is %s',
    (bytes, id) => {
      expect(parse(bytes)).toEqual([id]);
    },
  );

  it('reads three arrows in one read as three keys', () => {
    expect(parse('\u001b[B\u001b[B\u001b[B')).toEqual(['down', 'down', 'down']);
    expect(parse('\u001bOB\u001bOB\u001bOA')).toEqual(['down', 'down', 'up']);
  });

  it('reads typed text in one read as one key per character, Enter included', () => {
    expect(parse(':drain\r')).toEqual([':', 'd', 'r', 'a', 'i', 'n', 'enter']);
    expect(parse('dy\r')).toEqual(['d', 'y', 'enter']);
  });

  it('a lone ESC is the Esc key once no more bytes come; ESC ESC is Esc then the rest', () => {
    expect(parse('\u001b')).toEqual(['escape']);
    expect(parse('\u001b\u001b[A')).toEqual(['escape', 'up']);
    const parser = createKeyParser();
    expect(parser.push('\u001b')).toEqual([]);
    expect(parser.waiting()).toBe(true);
    expect(parser.flush().map(describeEvent)).toEqual(['escape']);
    expect(parser.waiting()).toBe(false);
  });

  it('Esc at the end of one read and a key in the next are two keys, not Alt+key', () => {
    expect(parse('\u001b', 'q')).toEqual(['escape', 'q']);
    expect(parse('\u001bq')).toEqual(['meta+q']);
  });

  it('joins a sequence split between two reads', () => {
    expect(parse('\u001b', '[B')).toEqual(['down']);
    expect(parse('\u001b[', '5', '~')).toEqual(['pageup']);
    expect(parse('j\u001b[1;', '5A')).toEqual(['j', 'ctrl+up']);
  });

  it('a sequence that stops half-way is Esc and then keys, never a silent loss', () => {
    expect(parse('\u001b[')).toEqual(['escape', '[']);
    expect(parse('\u001b[1;\u0007')).toEqual(['escape', '[', '1', ';', 'ctrl+g']);
  });

  it('bracketed paste is one paste event, even with Enter and escapes inside, across reads', () => {
    expect(parse('\u001b[200~y\r\u001b[201~')).toEqual(['paste:"y\\r"']);
    expect(parse('a\u001b[200~dy', '\r\u001b[B\u001b[20', '1~b')).toEqual([
      'a',
      'paste:"dy\\r\\u001b[B"',
      'b',
    ]);
  });

  it('an unfinished paste waits for its end, however long the silence', () => {
    const parser = createKeyParser();
    expect(parser.push('\u001b[200~secret')).toEqual([]);
    expect(parser.waiting()).toBe(false);
    expect(parser.flush()).toEqual([]);
    expect(parser.push(' text\u001b[201~').map(describeEvent)).toEqual(['paste:"secret text"']);
  });

  it('any mix of keys, split into reads anywhere, gives the same keys in the same order', () => {
    // Alt+key (ESC and the key) is one write from the terminal: cut between, it is Esc and a key.
    const corpus = ENCODINGS.filter(([, id]) => !id.startsWith('meta+') && id !== 'escape');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...corpus), { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (keys, cuts) => {
          const bytes = keys.map(([b]) => b).join('');
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          const chunks = [0, ...points].map((from, i) => bytes.slice(from, points[i] ?? undefined));
          expect(parse(...chunks)).toEqual(keys.map(([, id]) => id));
        },
      ),
    );
  });
});
