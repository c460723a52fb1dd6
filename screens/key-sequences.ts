/** What a key is, independent of the bytes that carried it. */
export type KeyName =
  | 'char'
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'pageup'
  | 'pagedown'
  | 'insert'
  | 'delete'
  | 'enter'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'f1'
  | 'f2'
  | 'f3'
  | 'f4'
  | 'f5'
  | 'f6'
  | 'f7'
  | 'f8'
  | 'f9'
  | 'f10'
  | 'f11'
  | 'f12'
  /** A sequence the program does not use (focus reports, unknown function keys): never text. */
  | 'unknown';

/** One key press as read from the terminal. */
export interface KeyPress {
  name: KeyName;
  /** The character, for `char` keys ('' otherwise); for Ctrl+letter, the letter. */
  text: string;
  ctrl: boolean;
  meta: boolean;
  shift: boolean;
  /** The bytes it came from, for diagnostics. */
  sequence: string;
}

/** A key without modifiers. */
export function plainKey(name: KeyName, sequence: string, text = ''): KeyPress {
  return { name, text, ctrl: false, meta: false, shift: false, sequence };
}

// Final bytes of CSI and SS3 sequences that name a key (xterm, VT220, rxvt, tmux, screen).
const FINAL: Readonly<Record<string, KeyName>> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};

// The number before `~` in VT220-style sequences (`ESC [ 5 ~` is Page Up).
const TILDE: Readonly<Record<number, KeyName>> = {
  1: 'home',
  2: 'insert',
  3: 'delete',
  4: 'end',
  5: 'pageup',
  6: 'pagedown',
  7: 'home',
  8: 'end',
  11: 'f1',
  12: 'f2',
  13: 'f3',
  14: 'f4',
  15: 'f5',
  17: 'f6',
  18: 'f7',
  19: 'f8',
  20: 'f9',
  21: 'f10',
  23: 'f11',
  24: 'f12',
};

/** xterm's modifier parameter: 1 + (shift 1, alt 2, ctrl 4, meta 8). */
function withModifiers(key: KeyPress, parameter: number | undefined): KeyPress {
  if (parameter === undefined || parameter < 2 || key.name === 'unknown') return key;
  const bits = parameter - 1;
  return {
    ...key,
    shift: key.shift || (bits & 1) !== 0,
    meta: key.meta || (bits & 2) !== 0 || (bits & 8) !== 0,
    ctrl: key.ctrl || (bits & 4) !== 0,
  };
}

/** The key a complete CSI sequence (`ESC [ params final`) stands for. */
export function csiKey(sequence: string, params: string, final: string): KeyPress {
  const numbers = params.split(';').map((p) => (p === '' ? undefined : Number(p)));
  if (final === '~') {
    const [code, modifier, keyCode] = numbers;
    // xterm's modifyOtherKeys: ESC [ 27 ; modifier ; code ~
    if (code === 27 && keyCode !== undefined) return codePointKey(keyCode, modifier, sequence);
    const name = code === undefined ? undefined : TILDE[code];
    return withModifiers(plainKey(name ?? 'unknown', sequence), modifier);
  }
  if (final === 'u') {
    // The kitty keyboard protocol's form: ESC [ code ; modifier u
    const [code, modifier] = numbers;
    return code === undefined
      ? plainKey('unknown', sequence)
      : codePointKey(code, modifier, sequence);
  }
  if (final === 'Z') return { ...plainKey('tab', sequence), shift: true };
  const name = params.startsWith('<') || params.startsWith('?') ? undefined : FINAL[final];
  return withModifiers(plainKey(name ?? 'unknown', sequence), numbers[1] ?? numbers[0]);
}

/** The key a complete SS3 sequence (`ESC O [modifier] final`) stands for. */
export function ss3Key(sequence: string, modifier: string, final: string): KeyPress {
  if (final === 'M') return plainKey('enter', sequence);
  const name = FINAL[final];
  return withModifiers(
    plainKey(name ?? 'unknown', sequence),
    modifier ? Number(modifier) : undefined,
  );
}

function codePointKey(code: number, modifier: number | undefined, sequence: string): KeyPress {
  const special: Readonly<Record<number, KeyName>> = {
    9: 'tab',
    13: 'enter',
    27: 'escape',
    127: 'backspace',
  };
  const name = special[code];
  const key = name
    ? plainKey(name, sequence)
    : code >= 0x20 && code <= 0x10ffff
      ? plainKey('char', sequence, String.fromCodePoint(code))
      : plainKey('unknown', sequence);
  return withModifiers(key, modifier);
}

/** The key of one C0 control byte or DEL (Enter, Tab, Backspace, Esc, Ctrl+letter). */
export function controlKey(char: string): KeyPress {
  const code = char.charCodeAt(0);
  if (char === '\r' || char === '\n') return plainKey('enter', char);
  if (char === '\t') return plainKey('tab', char);
  if (char === '\u007f' || char === '\b') return plainKey('backspace', char);
  if (char === '\u001b') return plainKey('escape', char);
  if (code === 0) return { ...plainKey('char', char, ' '), ctrl: true };
  // Ctrl+A is 0x01 ... Ctrl+Z is 0x1A; then Ctrl+\ ] ^ _.
  const text = String.fromCharCode(code <= 0x1a ? code + 0x60 : code + 0x40);
  return { ...plainKey('char', char, text), ctrl: true };
}

/**
 * The name a key table uses for `key`: the character itself (`j`, `G`, `?`, `space` for a space),
 * or the key's name (`up`, `enter`, `escape`), after its modifiers: `ctrl+c`, `shift+tab`, `meta+x`.
 */
export function keyId(key: KeyPress): string {
  const base = key.name === 'char' ? (key.text === ' ' ? 'space' : key.text) : key.name;
  const shift = key.shift && key.name !== 'char' ? 'shift+' : '';
  return `${key.ctrl ? 'ctrl+' : ''}${key.meta ? 'meta+' : ''}${shift}${base}`;
}
