// What a server-side printer is (the columns `kubectl get` shows for a kind, and the cells of one
// object), and the helpers the kinds' printers share.
import type { KubeObject } from '../../contracts.js';
import { fromSelectorObject } from '../selectors.js';
import { arr, isRecord, pathGet, specOf, text } from '../types.js';

/** A column: name, type, description, and priority (1 = only with `-o wide`). */
export type Column = [name: string, type: string, description: string, priority?: number];

/** What a printer knows when it prints one object. */
export interface PrintContext {
  /** The object's age, formatted. */
  age: string;
  /** Now (ms): for durations other than age. */
  now: number;
}

/** A printer: the columns after Name, and the cells for them. */
export interface Printer {
  columns: Column[];
  cells(o: KubeObject, c: PrintContext): unknown[];
}

export const AGE: Column = [
  'Age',
  'string',
  'CreationTimestamp is a timestamp representing the server time when this object was created.',
];

/** A count (0 when absent). */
export function n(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function templateContainers(o: KubeObject, path: string[]): Array<Record<string, unknown>> {
  return arr(pathGet(o, path)).filter(isRecord);
}

/** The Containers and Images wide columns of a workload, from its pod template. */
export function containerCells(
  o: KubeObject,
  path = ['spec', 'template', 'spec', 'containers'],
): string[] {
  const cs = templateContainers(o, path);
  return [cs.map((c) => text(c['name'])).join(','), cs.map((c) => text(c['image'])).join(',')];
}

export const CONTAINER_COLUMNS: Column[] = [
  ['Containers', 'string', 'Names of each container in the template.', 1],
  ['Images', 'string', 'Images referenced by each container in the template.', 1],
];

export const SELECTOR_COLUMN: Column = ['Selector', 'string', 'Label selector for pods.', 1];

/** A label selector as kubectl prints it: `app=web,tier in (a,b)`, `<none>` when empty. */
export function selectorText(sel: unknown): string {
  let parsed;
  try {
    parsed = fromSelectorObject(sel);
  } catch {
    return '<error>';
  }
  if (!parsed || parsed.length === 0) return '<none>';
  return parsed
    .map((r) => {
      if (r.op === '=' || r.op === '!=') return `${r.key}${r.op}${r.value}`;
      if (r.op === 'in' || r.op === 'notin') return `${r.key} ${r.op} (${r.values.join(',')})`;
      return r.op === '!' ? `!${r.key}` : r.key;
    })
    .join(',');
}

/** A map of strings as `k=v,k2=v2`, `<none>` when empty. */
export function mapText(m: unknown): string {
  if (!isRecord(m) || Object.keys(m).length === 0) return '<none>';
  return Object.entries(m)
    .map(([k, v]) => `${k}=${text(v)}`)
    .join(',');
}

/** The spec's replicas (1 when unset). */
export function replicas(o: KubeObject): number {
  const r = specOf(o)['replicas'];
  return typeof r === 'number' ? r : 1;
}
