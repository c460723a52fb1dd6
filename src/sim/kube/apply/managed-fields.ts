// Field ownership as the API server keeps it in `metadata.managedFields`. An update (create, PUT,
// patch) makes its manager the owner of what it changed, taking it from anyone else; an apply makes
// its manager the owner of exactly the fields of its configuration, and is refused with 409 when
// that changes a field another manager owns, unless forced.
import type { KubeObject } from '../../contracts.js';
import type { SimResponse } from '../../http.js';
import { kubeStatus } from '../../server.js';
import { ApiError } from '../status.js';
import { type ResourceType, isRecord, text } from '../types.js';
import {
  type Comparison,
  type FieldSet,
  type Path,
  compare,
  emptyOf,
  pathOf,
  printPath,
  toFieldSet,
  withoutServerFields,
} from './field-set.js';
import { fromFieldsV1, toFieldsV1 } from './fields-v1.js';
import { mergeConfig, removeUnowned } from './merge.js';
import { kindShape } from './shape.js';

/** Who writes, and when: the request's field manager, the version it speaks, its subresource. */
export interface Writer {
  manager: string;
  apiVersion: string;
  time: string;
  subresource?: string;
}

interface Entry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

function decode(obj: KubeObject | undefined): Entry[] {
  const raw = obj?.metadata['managedFields'];
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).map((e) => ({
    manager: text(e['manager']),
    operation: e['operation'] === 'Apply' ? 'Apply' : 'Update',
    apiVersion: text(e['apiVersion']),
    ...(typeof e['time'] === 'string' ? { time: e['time'] } : {}),
    ...(e['subresource'] ? { subresource: text(e['subresource']) } : {}),
    set: fromFieldsV1(e['fieldsV1']),
  }));
}

/** The entries as the API server lists them: Apply before Update, then by time and manager. */
function encode(entries: Entry[]): Record<string, unknown>[] {
  return entries
    .filter((e) => e.set.size)
    .sort(
      (a, b) =>
        a.operation.localeCompare(b.operation) ||
        (a.time ?? '').localeCompare(b.time ?? '') ||
        a.manager.localeCompare(b.manager) ||
        a.apiVersion.localeCompare(b.apiVersion) ||
        (a.subresource ?? '').localeCompare(b.subresource ?? ''),
    )
    .map((e) => ({
      manager: e.manager,
      operation: e.operation,
      apiVersion: e.apiVersion,
      ...(e.time ? { time: e.time } : {}),
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(e.set),
      ...(e.subresource ? { subresource: e.subresource } : {}),
    }));
}

const same = (e: Entry, w: Writer, operation: Entry['operation']): boolean =>
  e.manager === w.manager &&
  e.operation === operation &&
  (e.subresource ?? '') === (w.subresource ?? '') &&
  (operation === 'Apply' || e.apiVersion === w.apiVersion);

/** The fields a write through `subresource` can own: status through status, the rest otherwise. */
function ownable(set: FieldSet, subresource: string | undefined): FieldSet {
  if (subresource !== 'status') return withoutServerFields(set);
  return new Set([...set].filter((k) => pathOf(k)[0] === 'f:status'));
}

function changes(t: ResourceType, old: unknown, next: unknown, w: Writer): Comparison {
  const c: Comparison = { added: new Set(), modified: new Set(), removed: new Set() };
  const shape = kindShape(t);
  if (shape) compare(shape, old ?? emptyOf(shape), next, [], c);
  return {
    added: ownable(c.added, w.subresource),
    modified: ownable(c.modified, w.subresource),
    removed: ownable(c.removed, w.subresource),
  };
}

function withEntries(obj: KubeObject, entries: Entry[]): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, managedFields: encode(entries) } };
}

/**
 * `next` with its managedFields after an update by `w`: the writer owns what it changed. The
 * entries are the ones `next` carries (a PUT may send them, `[]` resets them), else the live ones.
 */
export function recordUpdate(
  t: ResourceType,
  old: KubeObject | undefined,
  next: KubeObject,
  w: Writer,
): KubeObject {
  if (!kindShape(t)) return next;
  const entries = Array.isArray(next.metadata['managedFields']) ? decode(next) : decode(old);
  const c = changes(t, old, next, w);
  const changed = new Set([...c.added, ...c.modified]);
  let mine = entries.find((e) => same(e, w, 'Update'));
  for (const e of entries)
    for (const k of e === mine ? c.removed : [...changed, ...c.removed]) e.set.delete(k);
  if (changed.size) {
    if (!mine) {
      mine = { manager: w.manager, operation: 'Update', apiVersion: w.apiVersion, set: new Set() };
      if (w.subresource) mine.subresource = w.subresource;
      entries.push(mine);
    }
    for (const k of changed) mine.set.add(k);
    mine.time = w.time;
  }
  return withEntries(next, entries);
}

/** The object `config` applied by `w` makes of `live` (undefined: it is created), with its owners. */
export function applyConfig(
  t: ResourceType,
  live: KubeObject | undefined,
  config: Record<string, unknown>,
  w: Writer,
  force: boolean,
): KubeObject {
  const shape = kindShape(t) ?? { kind: 'leaf' };
  const entries = decode(live);
  const mine = entries.find((e) => same(e, w, 'Apply'));
  const others = entries.filter((e) => e !== mine);
  const applied: FieldSet = new Set();
  toFieldSet(shape, config, [], applied);
  const appliedSet = ownable(applied, w.subresource);
  const merged = structuredClone(mergeConfig(shape, live ?? {}, config)) as KubeObject;
  const owned = new Set([...appliedSet, ...others.flatMap((e) => [...e.set])]);
  const dropped = new Set([...(mine?.set ?? [])].filter((k) => !owned.has(k)));
  removeUnowned(shape, merged, dropped, owned);
  const c = changes(t, live, merged, w);
  const changed = new Set([...c.added, ...c.modified]);
  const conflicts = others.flatMap((e) =>
    [...e.set].filter((k) => changed.has(k)).map((k) => ({ e, path: pathOf(k) })),
  );
  if (conflicts.length && !force) throw new ApiError(applyConflict(conflicts));
  for (const { e, path } of conflicts) e.set.delete(JSON.stringify(path));
  for (const e of others) for (const k of c.removed) e.set.delete(k);
  const entry: Entry = {
    manager: w.manager,
    operation: 'Apply',
    apiVersion: w.apiVersion,
    time: w.time,
    set: appliedSet,
  };
  if (w.subresource) entry.subresource = w.subresource;
  return withEntries(merged, [...others, entry]);
}

/** A manager as conflicts name it: `"kubectl-set" using apps/v1` for an updater. */
function managerName(e: Entry): string {
  const sub = e.subresource ? ` with subresource ${JSON.stringify(e.subresource)}` : '';
  const using = e.operation === 'Update' ? ` using ${e.apiVersion}` : '';
  return `${JSON.stringify(e.manager)}${sub}${using}`;
}

/** The API server's 409 for an apply that would change other managers' fields. */
function applyConflict(conflicts: { e: Entry; path: Path }[]): SimResponse {
  const causes = conflicts.map(({ e, path }) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${managerName(e)}`,
    field: printPath(path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    const [{ e, path }] = conflicts as [{ e: Entry; path: Path }];
    message = `Apply failed with 1 conflict: conflict with ${managerName(e)}: ${printPath(path)}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const { e, path } of conflicts)
      byManager.set(managerName(e), [...(byManager.get(managerName(e)) ?? []), printPath(path)]);
    const lines = [...byManager.keys()].sort().flatMap((m) => [
      `conflicts with ${m}:`,
      ...byManager
        .get(m)!
        .sort()
        .map((p) => `- ${p}`),
    ]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return kubeStatus(409, 'Conflict', message, { causes });
}
