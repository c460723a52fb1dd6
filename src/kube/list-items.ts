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
   * `onMeta` is told the list's metadata as soon as it has arrived: the API server writes it
   * before the items, so a paged reader can ask for the next page while this one still streams.
   */
  constructor(
    private readonly onItem: (item: unknown) => void,
    private readonly onMeta?: (meta: ListMeta) => void,
  ) {}

  /** Feeds the next bytes of the body. */
  push(chunk: Uint8Array): void {
    // The state lives in locals while the bytes are walked (the hot loop of a large list).
    const n = chunk.length;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let from = this.capture ? 0 : -1;
    let topFrom = this.topString ? 0 : -1;
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
        if (c === 92) escaped = true;
        else {
          inString = false;
          if (topFrom >= 0) {
            this.topString!.push(chunk.subarray(topFrom, i));
            this.lastTopString = text(this.topString!);
            this.topString = undefined;
            topFrom = -1;
          }
        }
        continue;
      }
      const c = chunk[i]!;
      if (c === 34) {
        inString = true;
        if (depth === 1) {
          this.topString = [];
          topFrom = i + 1;
        }
      } else if (c === 123 || c === 91) {
        if (depth === 0) {
          if (c !== 123 || this.opened) throw new SyntaxError('not a Kubernetes list');
          this.opened = true;
        }
        if (depth === 2 && this.inItems) {
          if (c !== 123) throw new Error('a list item that is not an object');
          this.startCapture(false, depth);
          from = i;
        } else if (depth === 1 && this.key === 'items' && c === 91) this.inItems = true;
        else if (depth === 1 && this.key === 'metadata' && c === 123) {
          this.startCapture(true, depth);
          from = i;
        }
        depth++;
      } else if (c === 125 || c === 93) {
        depth--;
        if (from >= 0 && depth === this.captureDepth) {
          this.capture!.push(chunk.subarray(from, i + 1));
          this.endCapture();
          from = -1;
        } else if (depth === 1 && this.inItems) this.inItems = false;
      } else if (depth === 1) {
        if (c === 58) {
          this.key = this.lastTopString;
          if (this.key === 'items') this.hadItems = true;
        } else if (c === 44) this.key = undefined;
      }
    }
    if (from >= 0) this.capture!.push(chunk.subarray(from));
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

  private startCapture(meta: boolean, depth: number): void {
    this.capture = [];
    this.captureDepth = depth;
    this.captureIsMeta = meta;
  }

  private endCapture(): void {
    const body = text(this.capture!);
    this.capture = undefined;
    if (this.captureIsMeta) {
      this.metaText = body;
      this.onMeta?.(JSON.parse(body) as ListMeta);
    } else this.onItem(JSON.parse(body));
  }
}

const decoder = new TextDecoder();

function text(parts: Uint8Array[]): string {
  if (parts.length === 1) return decoder.decode(parts[0]);
  return decoder.decode(Buffer.concat(parts));
}
