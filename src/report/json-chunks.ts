/**
 * `JSON.stringify(value, null, 2)` in pieces: the same text, joined, but never one string of it
 * all. A large cluster's report is megabytes of JSON; written piece by piece, the audit holds no
 * copy of it (nor of a second copy made by an escaping pass) at its end, where its memory peaks.
 * Plain objects and arrays down to `depth` are taken apart; anything deeper, or with its own
 * `toJSON`, is one piece.
 */
export function* jsonChunks(value: unknown, depth = 4): Generator<string> {
  yield* piece(value, '', depth, '');
}

/** Joins small pieces into strings of about `size` characters (fewer writes). */
export function* batched(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let held: string[] = [];
  let length = 0;
  for (const text of pieces) {
    held.push(text);
    length += text.length;
    if (length >= size) {
      yield held.join('');
      held = [];
      length = 0;
    }
  }
  if (held.length > 0) yield held.join('');
}

function* piece(value: unknown, indent: string, depth: number, key: string): Generator<string> {
  if (depth > 0 && Array.isArray(value) && value.length > 0 && !hasToJson(value)) {
    const inner = `${indent}  `;
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      const item: unknown = value[i];
      if (skipped(item)) yield 'null';
      else yield* piece(item, inner, depth - 1, String(i));
      yield i < value.length - 1 ? ',\n' : `\n${indent}]`;
    }
    return;
  }
  if (depth > 0 && isPlain(value)) {
    const entries = Object.keys(value).filter((k) => !skipped(value[k]));
    if (entries.length > 0) {
      const inner = `${indent}  `;
      yield '{\n';
      for (let i = 0; i < entries.length; i++) {
        const name = entries[i]!;
        yield `${inner}${JSON.stringify(name)}: `;
        yield* piece(value[name], inner, depth - 1, name);
        yield i < entries.length - 1 ? ',\n' : `\n${indent}}`;
      }
      return;
    }
  }
  // JSON text has no raw line breaks inside strings: every one is between tokens.
  const keyed = key !== '' && typeof value === 'object' && value !== null && hasToJson(value);
  const own = keyed
    ? unwrapped(JSON.stringify({ [key]: value }, null, 2), key)
    : JSON.stringify(value, null, 2);
  yield indent === '' ? own : own.replace(/\n/g, `\n${indent}`);
}

/** The value part of `{"key": value}` as JSON.stringify wrote it (so `toJSON(key)` saw its key). */
function unwrapped(text: string, key: string): string {
  const head = `{\n  ${JSON.stringify(key)}: `;
  return text.slice(head.length, -2).replace(/\n {2}/g, '\n');
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && !hasToJson(value);
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
function skipped(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
