// Text that came from a cluster, from Azure or from a journal is data. Anyone who can name a
// RoleBinding or write an annotation chooses its bytes, and a terminal acts on some bytes instead
// of printing them (ESC starts a sequence that can clear the screen, set the window title, write
// the clipboard or draw a link; BEL rings; CR and backspace overwrite what was printed; bidi marks
// reorder what follows). Every such string goes through `visible` before it is shown, so these
// characters appear as escapes (`\x1b[2J`) and are never acted on.

/**
 * The characters shown as escapes: C0 controls, DEL, C1 controls, the Unicode marks that break
 * or reorder lines (line and paragraph separators, bidirectional embeddings, overrides, isolates),
 * and the invisible ones that make two different names look the same (`alice` and `alice` with a
 * zero-width space): see `INVISIBLE`.
 * Zero-width joiner and non-joiner stay: Persian and Indic names and emoji need them.
 */
const MARKS = String.raw`\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069`;

/**
 * Characters that print nothing: soft hyphen, combining grapheme joiner, Hangul fillers, Khmer
 * inherent vowels, Mongolian vowel separator, zero-width space, word joiner and invisible
 * operators, the deprecated format characters (U+206A-206F), variation selectors, byte order
 * mark, interlinear annotation marks, tag characters and the supplementary variation selectors.
 */
const INVISIBLE = String.raw`\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180e\u200b\u2060-\u2064\u206a-\u206f\u3164\ufe00-\ufe0d\ufeff\uffa0\ufff9-\ufffb\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}`;

/**
 * The text and emoji presentation selectors (U+FE0E, U+FE0F) change how a pictograph is drawn
 * (`❤️`, `✔️`), so they stay after one; anywhere else they print nothing and are shown as escapes.
 */
const LOOSE_PRESENTATION = String.raw`(?<!\p{Extended_Pictographic})[\ufe0e\ufe0f]`;

function hiddenOf(controls: string): RegExp {
  return new RegExp(`[${controls}${MARKS}${INVISIBLE}]|${LOOSE_PRESENTATION}`, 'gu');
}

const HIDDEN = hiddenOf(String.raw`\u0000-\u001f\u007f-\u009f`);
const HIDDEN_BUT_NEWLINE = hiddenOf(String.raw`\u0000-\u0009\u000b-\u001f\u007f-\u009f`);
const HIDDEN_BUT_LAYOUT = hiddenOf(String.raw`\u0000-\u0008\u000b-\u001f\u007f-\u009f`);
// Characters JSON.stringify leaves as they are although a terminal acts on them or they print
// nothing (it escapes C0 controls and lone surrogates itself).
const JSON_UNESCAPED = hiddenOf(String.raw`\u007f-\u009f`);

const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeOf(chars: string): string {
  const named = NAMED[chars];
  if (named) return named;
  // Each UTF-16 unit of its own (a tag character is two), so the escapes decode back exactly. A
  // backslash stays a backslash (`DOMAIN\user` stays readable): text that already holds one
  // may read like an escape, but nothing in it is hidden, so nothing can pass for something else
  // unseen.
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    out +=
      code <= 0xff
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** `text` on one line with every control character shown as an escape (`\x1b`, `\n`, `\u202e`). */
export function visible(text: string): string {
  return text.replace(HIDDEN, escapeOf);
}

/** Like `visible`, but line breaks stay line breaks: for a whole document or a block of lines. */
export function visibleLines(text: string): string {
  return text.replace(HIDDEN_BUT_NEWLINE, escapeOf);
}

/**
 * What a command may print, whatever it is: line breaks and tabs (a column separator, as in the
 * completion protocol) stay, every other character a terminal acts on is shown as an escape.
 */
export function printable(text: string): string {
  return text.replace(HIDDEN_BUT_LAYOUT, escapeOf);
}

/** A copy of `value` with every string in it, object keys included, passed through `visible`. */
export function visibleDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(value: unknown): unknown {
  if (typeof value === 'string') return visible(value);
  if (Array.isArray(value)) return value.map(deep);
  if (value === null || typeof value !== 'object') return value;
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [visible(k), deep(v)]));
}

/**
 * JSON text that is safe to print: the same value, with the characters JSON.stringify leaves raw
 * (DEL, C1 controls, bidi and line-separator marks, invisible characters) written as `\uXXXX`
 * escapes. They can only occur inside strings, where such an escape means the same character.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(JSON_UNESCAPED, (chars) => {
    let out = '';
    // Each UTF-16 unit (an astral character is two): JSON reads the pair back as the character.
    for (let i = 0; i < chars.length; i++)
      out += `\\u${chars.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}
