/**
 * `JSON.stringify(value, null, 2)` in pieces: the same text, joined, but never one string of it
 * all. A large cluster's report is megabytes of JSON; written piece by piece, the audit holds no
 * copy of it (nor of a second copy made by an escaping pass) at its end, where its memory peaks.
 * Plain objects and arrays down to `depth` are taken apart; anything deeper is one piece. Like
 * JSON.stringify, each `toJSON` is called once, with its key, and what it returns is written (left
 * out, or null in an array, when that is undefined); a value that writes as nothing at the top
 * (JSON.stringify gives undefined) yields no piece.
 */
export function* jsonChunks(value: unknown, depth = 4): Generator<string> {
  const top = resolved(value, '');
  if (!skipped(top)) yield* piece(top, '', depth);
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

/** What JSON.stringify writes for `value` under `key`: its `toJSON(key)` result when it has one. */
function resolved(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && hasToJson(value)
    ? (value as { toJSON: (key: string) => unknown }).toJSON(key)
    : value;
}

/** Writes a value already resolved (its own toJSON, if any, was called: never again). */
function* piece(value: unknown, indent: string, depth: number): Generator<string> {
  if (depth > 0 && Array.isArray(value) && value.length > 0 && !hasToJson(value)) {
    const inner = `${indent}  `;
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      const item = resolved(value[i], String(i));
      if (skipped(item)) yield 'null';
      else yield* piece(item, inner, depth - 1);
      yield i < value.length - 1 ? ',\n' : `\n${indent}]`;
    }
    return;
  }
  if (depth > 0 && isPlain(value)) {
    const entries = Object.keys(value)
      .map((k): [string, unknown] => [k, resolved(value[k], k)])
      .filter(([, v]) => !skipped(v));
    if (entries.length > 0) {
      const inner = `${indent}  `;
      yield '{\n';
      for (let i = 0; i < entries.length; i++) {
        const [name, v] = entries[i]!;
        yield `${inner}${JSON.stringify(name)}: `;
        yield* piece(v, inner, depth - 1);
        yield i < entries.length - 1 ? ',\n' : `\n${indent}}`;
      }
      return;
    }
  }
  // A holder whose toJSON gives the value back: JSON.stringify calls one toJSON per value, so a
  // resolved value that itself has a toJSON is written as it is, as JSON.stringify would.
  const own = JSON.stringify(
    typeof value === 'object' && value !== null && hasToJson(value)
      ? { toJSON: () => value }
      : value,
    null,
    2,
  );
  // JSON text has no raw line breaks inside strings: every one is between tokens.
  yield indent === '' ? own : own.replace(/\n/g, `\n${indent}`);
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
