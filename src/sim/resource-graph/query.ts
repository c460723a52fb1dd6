/**
 * The small part of the Kusto query language the simulated Resource Graph understands: a table,
 * one `where type =~ '...'` filter, an optional `project` of plain columns and `order by`.
 * Anything else is refused as the service refuses a query it cannot parse.
 */
export interface GraphQuery {
  table: 'resources';
  type: string;
  columns?: string[];
  orderBy?: { column: string; descending: boolean };
}

/** Parses a query, or says what it cannot take. */
export function parseGraphQuery(text: string): GraphQuery | { error: string } {
  const parts = text
    .split('\n')
    .map((l) => l.replace(/\/\/.*$/, ''))
    .join(' ')
    .split('|')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const [table, ...ops] = parts;
  if (!table || table.toLowerCase() !== 'resources')
    return { error: `table "${table ?? ''}" is not served by the simulator (only resources)` };
  let type: string | undefined;
  let columns: string[] | undefined;
  let orderBy: GraphQuery['orderBy'];
  for (const op of ops) {
    const where = /^where\s+type\s*=~\s*'([^']+)'$/i.exec(op);
    const project = /^project\s+(.+)$/i.exec(op);
    const order = /^(?:order|sort)\s+by\s+(\w+)(?:\s+(asc|desc))?$/i.exec(op);
    if (where) type = where[1]!.toLowerCase();
    else if (project) {
      columns = project[1]!.split(',').map((c) => c.trim());
      const bad = columns.find((c) => !/^\w+$/.test(c));
      if (bad) return { error: `project: "${bad}" is not a plain column` };
    } else if (order) {
      orderBy = { column: order[1]!, descending: order[2]?.toLowerCase() === 'desc' };
    } else return { error: `operator "${op.split(/\s/)[0] ?? op}" is not served by the simulator` };
  }
  if (!type) return { error: "the query needs a where type =~ '<resource type>' filter" };
  return {
    table: 'resources',
    type,
    ...(columns ? { columns } : {}),
    ...(orderBy ? { orderBy } : {}),
  };
}

/** Rows of the query over `rows` (already those the caller may see), in order and projected. */
export function runGraphQuery(
  query: GraphQuery,
  rows: Array<Record<string, unknown>>,
): Array<Record<string, unknown>> {
  const found = rows.filter((r) => String(r['type']).toLowerCase() === query.type);
  const order = query.orderBy;
  if (order) {
    found.sort((a, b) => {
      const c = cell(a[order.column]).localeCompare(cell(b[order.column]));
      return order.descending ? -c : c;
    });
  }
  const columns = query.columns;
  if (!columns) return found;
  return found.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null])));
}

/** A cell as text for sorting: scalars as they print, anything else as JSON. */
function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : JSON.stringify(v);
}
