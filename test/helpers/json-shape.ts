// Structural comparison of JSON payloads: same keys, nesting and value types, values ignored.
// Used to hold the simulator to our ARM fixtures, and both to Microsoft's examples when present.

/** Objects whose keys are data (tag names, patch versions, labels), not schema. */
const DATA_KEYED = /(^|\.)(tags|patchVersions|nodeLabels|userAssignedIdentities)$/;

/**
 * How `actual` departs from the shape of `expected`: every key of `expected` must be in `actual`
 * with the same JSON type, recursively. Keys at the dotted paths in `optional` may be absent or
 * null. Array items are checked against all of `expected`'s items merged, and a key that only some
 * expected items have is optional. Keys only `actual` has are not differences (see `extraKeys`).
 */
export function shapeDiff(
  expected: unknown,
  actual: unknown,
  optional: readonly string[] = [],
  path = '',
): string[] {
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te !== ta) {
    if (ta === 'null' && optional.includes(path)) return [];
    return [`${path || '(root)'}: expected ${te}, got ${ta}`];
  }
  if (te === 'array') {
    const { merged, sometimes } = mergeItems(expected as unknown[], `${path}[]`);
    if (merged === undefined) return [];
    const more = [...optional, ...sometimes];
    return unique((actual as unknown[]).flatMap((a) => shapeDiff(merged, a, more, `${path}[]`)));
  }
  if (te !== 'object') return [];
  const eo = expected as Record<string, unknown>;
  const ao = actual as Record<string, unknown>;
  if (DATA_KEYED.test(path)) {
    const { merged, sometimes } = mergeItems(Object.values(eo), `${path}.*`);
    if (merged === undefined) return [];
    const more = [...optional, ...sometimes];
    return unique(Object.values(ao).flatMap((a) => shapeDiff(merged, a, more, `${path}.*`)));
  }
  return Object.keys(eo).flatMap((key) => {
    const p = path ? `${path}.${key}` : key;
    if (!(key in ao)) return optional.includes(p) ? [] : [`${p}: missing`];
    return shapeDiff(eo[key], ao[key], optional, p);
  });
}

/** Dotted paths of keys `actual` has that `expected` does not (for review; justified in tests). */
export function extraKeys(expected: unknown, actual: unknown, path = ''): string[] {
  const te = typeOf(expected);
  if (te !== typeOf(actual)) return [];
  if (te === 'array') {
    const { merged } = mergeItems(expected as unknown[], `${path}[]`);
    if (merged === undefined) return [];
    return unique((actual as unknown[]).flatMap((a) => extraKeys(merged, a, `${path}[]`)));
  }
  if (te !== 'object' || DATA_KEYED.test(path)) return [];
  const eo = expected as Record<string, unknown>;
  const ao = actual as Record<string, unknown>;
  return Object.keys(ao).flatMap((k) => {
    const p = path ? `${path}.${k}` : k;
    return k in eo ? extraKeys(eo[k], ao[k], p) : [p];
  });
}

/**
 * One item standing for all of `items`: objects merged key by key (the first value of each key
 * wins), with the paths of keys that not every item has; otherwise the first item.
 */
function mergeItems(items: unknown[], path: string): { merged: unknown; sometimes: string[] } {
  const objects = items.filter((i) => typeOf(i) === 'object') as Array<Record<string, unknown>>;
  if (objects.length === 0 || objects.length !== items.length) {
    return { merged: items[0], sometimes: [] };
  }
  const merged: Record<string, unknown> = {};
  for (const o of objects)
    for (const [k, v] of Object.entries(o)) if (!(k in merged)) merged[k] = v;
  const sometimes = Object.keys(merged)
    .filter((k) => objects.some((o) => !(k in o)))
    .map((k) => `${path}.${k}`);
  return { merged, sometimes };
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
