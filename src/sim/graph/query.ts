import type { SimRequest, SimResponse } from '../http.js';
import type { GraphObject } from './directory.js';
import { graphError } from './errors.js';

/** The one `$filter` this simulator serves: `startswith(displayName,'text')` (case-insensitive). */
export function parseFilter(filter: string | null): { prefix?: string } | 'unsupported' {
  if (filter === null || filter.trim() === '') return {};
  const m = /^\s*startswith\(\s*displayName\s*,\s*'((?:[^']|'')*)'\s*\)\s*$/i.exec(filter);
  return m ? { prefix: m[1]!.replace(/''/g, "'") } : 'unsupported';
}

/** 400 for an OData query option this simulator does not serve. */
export function unsupportedQuery(): SimResponse {
  return graphError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');
}

/** An object with only the `$select`ed properties (id always kept), typed or not. */
export function selectOf(
  o: GraphObject,
  req: SimRequest,
  keepType: boolean,
): Record<string, unknown> {
  const select = req.query.get('$select');
  const base: Record<string, unknown> = { ...o };
  if (!keepType) delete base['@odata.type'];
  if (!select) return base;
  const wanted = new Set(['id', ...select.split(',').map((s) => s.trim())]);
  if (keepType) wanted.add('@odata.type');
  return Object.fromEntries(Object.entries(base).filter(([k]) => wanted.has(k)));
}

/** A collection answer: `value`, plus `@odata.count` when `$count=true` was asked. */
export function collection(
  req: SimRequest,
  context: string,
  items: GraphObject[],
  keepType: boolean,
): SimResponse {
  const top = Number(req.query.get('$top') ?? '100');
  const shown = items.slice(0, Number.isInteger(top) && top > 0 ? Math.min(top, 999) : 100);
  const body: Record<string, unknown> = { '@odata.context': `${context}` };
  if (req.query.get('$count') === 'true') body['@odata.count'] = items.length;
  body['value'] = shown.map((o) => selectOf(o, req, keepType));
  return { status: 200, body };
}
