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

  constructor(private readonly onItem: (item: unknown) => void) {}

  /** Feeds the next bytes of the body. */
  push(chunk: Uint8Array): void {
    const n = chunk.length;
    let from = this.capture ? 0 : -1;
    let topFrom = this.topString ? 0 : -1;
    let nextBackslash = -2;
    let i = 0;
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        const quote = chunk.indexOf(34, i);
        if (nextBackslash !== -1 && nextBackslash < i) nextBackslash = chunk.indexOf(92, i);
        if (nextBackslash !== -1 && (quote === -1 || nextBackslash < quote)) {
          this.escaped = true;
          i = nextBackslash + 1;
          continue;
        }
        if (quote === -1) break;
        this.inString = false;
        i = quote + 1;
        if (this.topString) {
          this.topString.push(chunk.subarray(topFrom, quote));
          this.lastTopString = text(this.topString);
          this.topString = undefined;
          topFrom = -1;
        }
        continue;
      }
      const c = chunk[i]!;
      if (c === 34) {
        this.inString = true;
        if (this.depth === 1) {
          this.topString = [];
          topFrom = i + 1;
        }
      } else if (c === 123 || c === 91) {
        if (this.depth === 1 && this.key === 'items' && c === 91) this.inItems = true;
        else if (this.depth === 1 && this.key === 'metadata' && c === 123) {
          this.startCapture(true);
          from = i;
        } else if (this.depth === 2 && this.inItems) {
          if (c !== 123) throw new Error('a list item that is not an object');
          this.startCapture(false);
          from = i;
        }
        this.depth++;
      } else if (c === 125 || c === 93) {
        this.depth--;
        if (this.capture && this.depth === this.captureDepth) {
          this.capture.push(chunk.subarray(from, i + 1));
          this.endCapture();
          from = -1;
        } else if (this.depth === 1 && this.inItems) this.inItems = false;
      } else if (c === 58 && this.depth === 1) {
        this.key = this.lastTopString;
      } else if (c === 44 && this.depth === 1) {
        this.key = undefined;
      }
      i++;
    }
    if (this.capture && from >= 0) this.capture.push(chunk.subarray(from));
    if (this.topString && topFrom >= 0) this.topString.push(chunk.subarray(topFrom));
  }

  /** The list's metadata (`continue`, `resourceVersion`), once the body has ended. */
  end(): { continue?: string; resourceVersion?: string } {
    if (this.depth !== 0 || this.inString) throw new SyntaxError('the list ended early');
    return this.metaText === undefined
      ? {}
      : (JSON.parse(this.metaText) as { continue?: string; resourceVersion?: string });
  }

  private startCapture(meta: boolean): void {
    this.capture = [];
    this.captureDepth = this.depth;
    this.captureIsMeta = meta;
  }

  private endCapture(): void {
    const body = text(this.capture!);
    this.capture = undefined;
    if (this.captureIsMeta) this.metaText = body;
    else this.onItem(JSON.parse(body));
  }
}

const decoder = new TextDecoder();

function text(parts: Uint8Array[]): string {
  if (parts.length === 1) return decoder.decode(parts[0]);
  return decoder.decode(Buffer.concat(parts));
}
