import {
  LineCounter,
  parseAllDocuments,
  isMap,
  isPair,
  isScalar,
  type Document,
  type Node,
} from 'yaml';

/** A scenario problem that names the file and the line, so the operator can fix their YAML. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
    this.name = 'ScenarioError';
  }
}

/** One YAML document with enough context to point at its lines. */
export interface SourceDoc {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
}

/** Parses every document of a YAML text; a syntax error throws with file and line. */
export function parseYamlFile(file: string, text: string): SourceDoc[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(docs)) return [];
  const out: SourceDoc[] = [];
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) throw new ScenarioError(file, lines.linePos(error.pos[0]).line, error.message);
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue;
    out.push({ file, doc, lines, value });
  }
  return out;
}

/** The line of the node at `path` (or of the key that is unknown), best effort. */
export function lineOf(
  source: SourceDoc,
  path: ReadonlyArray<PropertyKey>,
  unknownKey?: string,
): number | undefined {
  const keys = path.map((k) => (typeof k === 'symbol' ? String(k) : k));
  let node: unknown = keys.length === 0 ? source.doc.contents : source.doc.getIn(keys, true);
  // A missing leaf points at its parent: the nearest thing that exists.
  for (let n = keys.length - 1; node === undefined && n >= 0; n--) {
    node = n === 0 ? source.doc.contents : source.doc.getIn(keys.slice(0, n), true);
  }
  if (unknownKey !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === unknownKey);
    if (pair && isScalar(pair.key)) node = pair.key;
  }
  const range = (node as Node | undefined)?.range;
  return range ? source.lines.linePos(range[0]).line : undefined;
}
