/**
 * The fields of each list item to keep: a key names a member to keep, `true` keeping its value
 * whole and a nested shape keeping only those fields of it (of each element, for an array). Any
 * other member of an object the shape covers is left out before the item is parsed.
 */
export interface ItemShape {
  readonly [key: string]: ItemShape | true;
}

/** A shape's names as UTF-8 bytes, found by their length: a key is looked up in its raw bytes. */
class Keys {
  private readonly byLength: Array<Array<readonly [Uint8Array, Keys | true]>> = [];

  constructor(shape: ItemShape) {
    for (const [key, kept] of Object.entries(shape)) {
      const name = encoder.encode(key);
      (this.byLength[name.length] ??= []).push([name, kept === true ? true : new Keys(kept)]);
    }
  }

  /** What is kept of the member whose key is `bytes[from, to)`; undefined when it is left out. */
  find(bytes: Uint8Array, from: number, to: number): Keys | true | undefined {
    const named = this.byLength[to - from];
    if (!named) return undefined;
    next: for (const [name, kept] of named) {
      for (let j = 0; j < name.length; j++) if (bytes[from + j] !== name[j]) continue next;
      return kept;
    }
    return undefined;
  }
}

// What the value at a depth of a shaped item is, kept by depth in a byte array.
/** Kept as it is: outside the shape, or under a `true`. */
const WHOLE = 0;
/** An object whose members are kept only when its shape names them, in a member. */
const OBJECT = 1;
/** That object, where its next string is a member's key. */
const KEY = 2;
/** An array whose elements each take its shape. */
const ARRAY = 3;

/** A list's own metadata: the token of its next page and the version it was read at. */
export interface ListMeta {
  continue?: string;
  resourceVersion?: string;
}

/**
 * Reads a Kubernetes list's JSON (`{"metadata": {...}, "items": [{...}, ...]}`) as its bytes arrive
 * and hands over each item parsed on its own, then the list's metadata. No string of the whole
 * page is made: on a large cluster a page of pods is over a megabyte, and each page's text and
 * parsed copy would otherwise outlive the page (promoted by the young-generation collector while
 * the page is parsed) until the next full collection, tens of pages later.
 */
export class ListItems {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** The top-level key whose value comes next (after its `:`). */
  private key: string | undefined;
  private lastTopString: string | undefined;
  private topString: Uint8Array[] | undefined;
  private inItems = false;
  /** Bytes of the value being captured (an item, or the list's metadata). */
  private capture: Uint8Array[] | undefined;
  private captureDepth = 0;
  private captureIsMeta = false;
  private metaText: string | undefined;
  /** Whether the body opened as an object and had a top-level `items`: what makes it a list. */
  private opened = false;
  private hadItems = false;
  /**
   * With a shape, each item's kept bytes are copied here (members left out never are) and the
   * state below is kept by depth: what the value there is, its shape, the shape of the member of
   * an object there whose value comes next, whether the object has kept a member yet (the next
   * one kept takes a comma), and whether its next string is a key.
   */
  private readonly shape: Keys | undefined;
  private out = new Uint8Array(0);
  private outLength = 0;
  private kinds = new Uint8Array(64);
  private kept = new Uint8Array(64);
  private readonly shapes: (Keys | undefined)[] = [];
  private readonly members: (Keys | true | undefined)[] = [];
  /** The depth of the object one of whose members is being left out; 0 when none is. */
  private dropAt = 0;
  /** Whether the captured value's bytes were being copied when the last chunk ended. */
  private copying = false;
  /**
   * A shaped object's key being read. Positions are in `out` as if the bytes being copied were
   * already there: where the member starts (its comma, if it has one), and its key's quote. Bytes
   * are copied in runs, and a member left out is cut off or taken back once its key is read.
   */
  private inKey = false;
  private keyEscaped = false;
  private memberStart = 0;
  private keyAt = 0;
  /** Where in `out` the last comma between kept members of a shaped object went. */
  private commaAt = 0;

  /**
   * `onMeta` is told the list's metadata as soon as it has arrived: the API server writes it
   * before the items, so a paged reader can ask for the next page while this one still streams.
   */
  constructor(
    private readonly onItem: (item: unknown) => void,
    private readonly onMeta?: (meta: ListMeta) => void,
    shape?: ItemShape,
  ) {
    if (!shape) return;
    this.shape = new Keys(shape);
    this.out = new Uint8Array(1 << 14);
  }

  /** Feeds the next bytes of the body. */
  push(chunk: Uint8Array): void {
    // The state lives in locals while the bytes are walked (the hot loop of a large list).
    const n = chunk.length;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    const shaped = this.shape !== undefined;
    let from = this.capture && (this.copying || !shaped) ? 0 : -1;
    let topFrom = this.topString ? 0 : -1;
    // Where the key being read starts in this chunk (-1: in an earlier one).
    let keyQuote = -1;
    for (let i = 0; i < n; i++) {
      if (inString) {
        if (escaped) {
          escaped = false;
          continue;
        }
        // Most of a list's bytes are inside strings: run to the next quote or backslash in a loop
        // of its own (about half the walk's time on a page of pods).
        let c = chunk[i]!;
        while (c !== 34 && c !== 92 && ++i < n) c = chunk[i]!;
        if (i === n) break;
        if (c === 92) {
          escaped = true;
          if (this.inKey) this.keyEscaped = true;
        } else {
          inString = false;
          if (topFrom >= 0) {
            this.topString!.push(chunk.subarray(topFrom, i));
            this.lastTopString = text(this.topString!);
            this.topString = undefined;
            topFrom = -1;
          }
          if (this.inKey) from = this.keyEnded(chunk, from, keyQuote, i, depth);
        }
        continue;
      }
      const c = chunk[i]!;
      if (c === 34) {
        inString = true;
        if (depth === 1) {
          this.topString = [];
          topFrom = i + 1;
        } else if (shaped && this.kinds[depth] === KEY) {
          keyQuote = i;
          from = this.keyStarted(from, i, depth);
        }
      } else if (c === 123 || c === 91) {
        if (depth === 0) {
          if (c !== 123 || this.opened) throw new SyntaxError('not a Kubernetes list');
          this.opened = true;
        }
        if (shaped) this.open(depth, c === 123);
        if (depth === 2 && this.inItems) {
          if (c !== 123) throw new Error('a list item that is not an object');
          this.startCapture(false, depth);
          from = i;
          if (shaped) this.shapeAt(depth + 1, this.shape, true);
        } else if (depth === 1 && this.key === 'items' && c === 91) this.inItems = true;
        else if (depth === 1 && this.key === 'metadata' && c === 123) {
          this.startCapture(true, depth);
          from = i;
        }
        depth++;
      } else if (c === 125 || c === 93) {
        // The end of an object whose last member was left out: copied again from its brace.
        if (this.dropAt === depth && shaped) {
          this.dropAt = 0;
          from = i;
        }
        depth--;
        if (from >= 0 && depth === this.captureDepth) {
          this.copy(chunk, from, i + 1);
          this.endCapture();
          from = -1;
        } else if (depth === 1 && this.inItems) this.inItems = false;
      } else if (depth === 1) {
        if (c === 58) {
          this.key = this.lastTopString;
          if (this.key === 'items') this.hadItems = true;
        } else if (c === 44) this.key = undefined;
      } else if (c === 44 && shaped && this.kinds[depth] === OBJECT) {
        // After a member left out, its comma is not copied either; else where it goes is noted,
        // to cut the next member off from it if that one is left out.
        if (this.dropAt === depth) this.dropAt = 0;
        else this.commaAt = this.outLength + i - from;
        this.kinds[depth] = KEY;
      }
    }
    if (from >= 0) this.copy(chunk, from, n);
    this.copying = from >= 0;
    if (topFrom >= 0) this.topString!.push(chunk.subarray(topFrom));
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
  }

  /** The list's metadata (`continue`, `resourceVersion`), once the body has ended. */
  end(): ListMeta {
    if (this.depth !== 0 || this.inString) throw new SyntaxError('the list ended early');
    // An API server always writes `items` (`[]` when there are none): a body without it (empty,
    // plain text, a Status) is not a list, and must not read as one with nothing in it.
    if (!this.opened || !this.hadItems) throw new SyntaxError('not a Kubernetes list');
    return this.metaText === undefined ? {} : (JSON.parse(this.metaText) as ListMeta);
  }

  /** Copies `chunk[from, to)` into the value being captured (nothing when `from` is -1). */
  private copy(chunk: Uint8Array, from: number, to: number): void {
    if (from < 0 || from === to) return;
    if (!this.shape) {
      this.capture!.push(chunk.subarray(from, to));
      return;
    }
    let at = this.outLength;
    const end = at + to - from;
    if (end > this.out.length) {
      const grown = new Uint8Array(Math.max(end, this.out.length * 2));
      grown.set(this.out.subarray(0, at));
      this.out = grown;
    }
    const out = this.out;
    // Most runs are a few dozen bytes: a loop costs less than a view of them to `set`.
    if (to - from > 64) out.set(chunk.subarray(from, to), at);
    else for (let i = from; i < to; i++) out[at++] = chunk[i]!;
    this.outLength = end;
  }

  /**
   * A key of the shaped object at `depth` starts at `chunk[at]`: copying goes on (from the key,
   * with a comma, after a member left out) until the key is read. Returns where copying is from.
   */
  private keyStarted(from: number, at: number, depth: number): number {
    this.kinds[depth] = OBJECT;
    this.inKey = true;
    if (from >= 0) {
      this.keyAt = this.outLength + at - from;
      this.memberStart = this.kept[depth] ? this.commaAt : this.keyAt;
      return from;
    }
    this.memberStart = this.outLength;
    if (this.kept[depth]) this.copy(COMMA, 0, 1);
    this.keyAt = this.outLength;
    return at;
  }

  /**
   * The key of the shaped object at `depth` ends at `chunk[at]` (started at `keyQuote`, -1 when in
   * an earlier chunk): a member left out is cut off where it starts. Returns where copying is from.
   */
  private keyEnded(
    chunk: Uint8Array,
    from: number,
    keyQuote: number,
    at: number,
    depth: number,
  ): number {
    this.inKey = false;
    let kept: Keys | true | undefined;
    // A key written with an escape is kept: it might spell a kept name.
    if (this.keyEscaped) kept = true;
    else if (keyQuote >= 0) kept = this.shapes[depth]!.find(chunk, keyQuote + 1, at);
    else {
      this.copy(chunk, from, at);
      from = at;
      kept = this.shapes[depth]!.find(this.out, this.keyAt + 1, this.outLength);
    }
    this.keyEscaped = false;
    if (kept !== undefined) {
      this.kept[depth] = 1;
      this.members[depth] = kept;
      return from;
    }
    this.dropAt = depth;
    const start = this.memberStart;
    if (start > this.outLength) this.copy(chunk, from, from + start - this.outLength);
    else this.outLength = start;
    return -1;
  }

  /** Sets what the value opening inside `depth` is, from what holds it (see `ItemShape`). */
  private open(depth: number, object: boolean): void {
    if (depth + 2 > this.kinds.length) {
      this.kinds = grown(this.kinds);
      this.kept = grown(this.kept);
    }
    let shape: Keys | true | undefined;
    if (this.dropAt === 0) {
      const holder = this.kinds[depth];
      if (holder === OBJECT) shape = this.members[depth];
      else if (holder === ARRAY) shape = this.shapes[depth];
    }
    if (shape === undefined || shape === true) this.kinds[depth + 1] = WHOLE;
    else this.shapeAt(depth + 1, shape, object);
  }

  private shapeAt(inside: number, shape: Keys, object: boolean): void {
    this.kinds[inside] = object ? KEY : ARRAY;
    this.shapes[inside] = shape;
    this.kept[inside] = 0;
  }

  private startCapture(meta: boolean, depth: number): void {
    this.capture = [];
    this.captureDepth = depth;
    this.captureIsMeta = meta;
    this.outLength = 0;
    this.dropAt = 0;
  }

  private endCapture(): void {
    const body = this.shape
      ? decoder.decode(this.out.subarray(0, this.outLength))
      : text(this.capture!);
    this.capture = undefined;
    if (this.captureIsMeta) {
      this.metaText = body;
      this.onMeta?.(JSON.parse(body) as ListMeta);
    } else this.onItem(JSON.parse(body));
  }
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();
const COMMA = new Uint8Array([44]);

/** `bytes` in an array twice as long. */
function grown(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const more = new Uint8Array(bytes.length * 2);
  more.set(bytes);
  return more;
}

function text(parts: Uint8Array[]): string {
  if (parts.length === 1) return decoder.decode(parts[0]);
  return decoder.decode(Buffer.concat(parts));
}
