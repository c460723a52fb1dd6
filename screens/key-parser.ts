import { controlKey, csiKey, plainKey, ss3Key, type KeyPress } from './key-sequences.js';

export type { KeyName, KeyPress } from './key-sequences.js';

/** What one read from the terminal holds: keys, and text the terminal marked as pasted. */
export type InputEvent = { kind: 'key'; key: KeyPress } | { kind: 'paste'; text: string };

/** Turns what the terminal sends into keys, across reads (a sequence may be split between two). */
export interface KeyParser {
  /** The events of `chunk`; an unfinished sequence at its end waits for the next chunk. */
  push(chunk: string): InputEvent[];
  /** Whether an escape waits: a lone Esc key, or the start of a sequence still coming. */
  waiting(): boolean;
  /** Ends the wait (no more bytes came): a lone ESC is the Esc key. */
  flush(): InputEvent[];
}

const ESC = '\u001b';
const PASTE_START = `${ESC}[200~`;
const PASTE_END = `${ESC}[201~`;

type Step = { events: InputEvent[]; next: number } | 'incomplete';

/**
 * The terminal input parser: CSI and SS3 sequences (arrows, Home/End, PgUp/PgDn, Delete, F-keys,
 * with their Shift/Alt/Ctrl modifiers), a lone ESC, Alt+key (ESC then the key), control bytes,
 * and bracketed paste (`ESC [200~ … ESC [201~`) as one paste event. Every other character is a
 * key of its own, so three arrows read together are three keys.
 */
export function createKeyParser(): KeyParser {
  let pending = '';
  const parse = (input: string, final: boolean): InputEvent[] => {
    const events: InputEvent[] = [];
    let at = 0;
    while (at < input.length) {
      const step = parseAt(input, at, final);
      if (step === 'incomplete') {
        pending = input.slice(at);
        return events;
      }
      events.push(...step.events);
      at = step.next;
    }
    pending = '';
    return events;
  };
  return {
    push: (chunk) => {
      // A lone ESC that ended the last read is the Esc key when this read does not continue a
      // sequence: a terminal sends Alt+key in one write, so Esc then `q` typed quickly stay two.
      if (pending === ESC && chunk !== '' && chunk[0] !== '[' && chunk[0] !== 'O') {
        return [...parse(pending, true), ...parse(chunk, false)];
      }
      return parse(pending + chunk, false);
    },
    waiting: () => pending.startsWith(ESC) && !pending.startsWith(PASTE_START),
    flush: () => (pending.startsWith(PASTE_START) ? [] : parse(pending, true)),
  };
}

const key = (k: KeyPress): InputEvent => ({ kind: 'key', key: k });

/** Parses the event starting at `at`; `final` = no more bytes will come. */
function parseAt(input: string, at: number, final: boolean): Step {
  const char = String.fromCodePoint(input.codePointAt(at)!);
  if (char !== ESC) {
    const code = char.codePointAt(0)!;
    // The first half of a surrogate pair whose second half is in the next read.
    if (code >= 0xd800 && code <= 0xdbff && at + 1 >= input.length && !final) return 'incomplete';
    if (code < 0x20 || code === 0x7f) return { events: [key(controlKey(char))], next: at + 1 };
    if (code >= 0x80 && code <= 0x9f) {
      return { events: [key(plainKey('unknown', char))], next: at + 1 };
    }
    return { events: [key(plainKey('char', char, char))], next: at + char.length };
  }
  if (input.startsWith(PASTE_START, at)) {
    const end = input.indexOf(PASTE_END, at + PASTE_START.length);
    if (end === -1) return 'incomplete';
    const text = input.slice(at + PASTE_START.length, end);
    return { events: [{ kind: 'paste', text }], next: end + PASTE_END.length };
  }
  const next = input[at + 1];
  if (next === undefined) {
    return final ? { events: [key(controlKey(ESC))], next: at + 1 } : 'incomplete';
  }
  if (next === '[') return sequence(input, at, final, csiAt);
  if (next === 'O') return sequence(input, at, final, ss3At);
  if (next === ESC) return { events: [key(controlKey(ESC))], next: at + 1 };
  // Alt+key: ESC, then the key.
  const inner = parseAt(input, at + 1, final);
  if (inner === 'incomplete') return inner;
  const events = inner.events.map((e) =>
    e.kind === 'key' ? key({ ...e.key, meta: true, sequence: ESC + e.key.sequence }) : e,
  );
  return { events, next: inner.next };
}

type SequenceParser = (
  input: string,
  at: number,
) => { key: KeyPress; next: number } | 'incomplete' | 'broken';

/** A CSI or SS3 sequence; if it never completes (bytes stopped), the ESC is the Esc key. */
function sequence(input: string, at: number, final: boolean, parser: SequenceParser): Step {
  const parsed = parser(input, at);
  if (parsed === 'incomplete' && !final) return 'incomplete';
  if (parsed === 'incomplete' || parsed === 'broken') {
    // Not a sequence after all: Esc, then the rest as keys of their own.
    return { events: [key(controlKey(ESC))], next: at + 1 };
  }
  return { events: [key(parsed.key)], next: parsed.next };
}

/** `ESC [` parameters (0x30-0x3F), intermediates (0x20-0x2F), one final byte (0x40-0x7E). */
function csiAt(
  input: string,
  at: number,
): { key: KeyPress; next: number } | 'incomplete' | 'broken' {
  let i = at + 2;
  // The Linux console's F1-F5: ESC [ [ A ... ESC [ [ E
  if (input[i] === '[') {
    if (i + 1 >= input.length) return 'incomplete';
    return { key: plainKey('unknown', input.slice(at, i + 2)), next: i + 2 };
  }
  const paramsStart = i;
  while (i < input.length && isIn(input, i, 0x30, 0x3f)) i++;
  const params = input.slice(paramsStart, i);
  while (i < input.length && isIn(input, i, 0x20, 0x2f)) i++;
  if (i >= input.length) return 'incomplete';
  if (!isIn(input, i, 0x40, 0x7e)) return 'broken';
  const sequenceText = input.slice(at, i + 1);
  return { key: csiKey(sequenceText, params, input[i]!), next: i + 1 };
}

/** `ESC O` then optional modifier digits and one final byte. */
function ss3At(
  input: string,
  at: number,
): { key: KeyPress; next: number } | 'incomplete' | 'broken' {
  let i = at + 2;
  const start = i;
  while (i < input.length && isIn(input, i, 0x30, 0x39)) i++;
  if (i >= input.length) return 'incomplete';
  if (!isIn(input, i, 0x40, 0x7e)) return 'broken';
  return { key: ss3Key(input.slice(at, i + 1), input.slice(start, i), input[i]!), next: i + 1 };
}

function isIn(input: string, i: number, low: number, high: number): boolean {
  const code = input.charCodeAt(i);
  return code >= low && code <= high;
}
