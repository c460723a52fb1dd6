import type { KubeObject } from '../contracts.js';
import type { SimRequest } from '../http.js';
import { humanDuration } from './duration.js';
import { CORE_PRINTERS } from './printers/core.js';
import { RBAC_PRINTERS } from './printers/rbac.js';
import { AGE, type Column, type Printer } from './printers/types.js';
import { WORKLOAD_PRINTERS } from './printers/workloads.js';
import { text } from './types.js';

export { humanDuration } from './duration.js';

/** Whether the client asked for a server-side Table (`kubectl get`). */
export function wantsTable(req: SimRequest): boolean {
  return /as=Table/.test(text(req.headers.accept, ''));
}

const NAME: Column = ['Name', 'string', 'Name must be unique within a namespace.'];

const PRINTERS: Record<string, Printer> = {
  ...CORE_PRINTERS,
  ...WORKLOAD_PRINTERS,
  ...RBAC_PRINTERS,
};

const DEFAULT_PRINTER: Printer = { columns: [AGE], cells: (_o, c) => [c.age] };

/** A meta.k8s.io/v1 Table of objects, with PartialObjectMetadata rows (what kubectl get renders). */
export function toTable(
  kind: string,
  items: KubeObject[],
  now: number,
  listMeta: Record<string, unknown>,
): Record<string, unknown> {
  const printer = PRINTERS[kind] ?? DEFAULT_PRINTER;
  // Most printers start with the name; events put it last (their printer says where).
  const named = !printer.columns.some(([name]) => name === 'Name');
  const rows = items.map((o) => {
    const created = Date.parse(o.metadata.creationTimestamp ?? '');
    const age = humanDuration(Number.isNaN(created) ? 0 : now - created);
    const cells = printer.cells(o, { age, now });
    return {
      cells: named ? [o.metadata.name, ...cells] : cells,
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    };
  });
  const columns = named ? [NAME, ...printer.columns] : printer.columns;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: listMeta,
    columnDefinitions: columns.map(([name, type, description, priority]) => ({
      name,
      type,
      format: name === 'Name' ? 'name' : '',
      description,
      priority: priority ?? 0,
    })),
    rows,
  };
}
