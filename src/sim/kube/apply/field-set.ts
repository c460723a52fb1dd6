// Sets of field paths as server-side apply counts ownership, in the FieldsV1 notation of
// `metadata.managedFields`: `f:name` a field or map key, `k:{"name":"app"}` a list item by its keys,
// `v:"x"` a set item. A set holds each owned leaf and each owned list item or newly added map.
import { isDeepStrictEqual } from 'node:util';
import { isRecord } from '../types.js';
import { type Shape, fieldsOf, memberShape } from './shape.js';

/** One path, element by element (`['f:spec', 'f:replicas']`). */
export type Path = string[];
/** Paths, each stored as its JSON (sets of arrays do not compare by value). */
export type FieldSet = Set<string>;

export const keyOf = (p: Path): string => JSON.stringify(p);
export const pathOf = (k: string): Path => JSON.parse(k) as Path;

/** Whether `p` is `prefix` or lies under it. */
export function isUnder(p: Path, prefix: Path): boolean {
  return prefix.length <= p.length && prefix.every((e, i) => p[i] === e);
}

/** The path element of a list item: its keys for a map-list, its value for a set. */
export function itemElement(shape: Shape, item: unknown): string {
  if (shape.kind !== 'assoc') return `v:${JSON.stringify(item)}`;
  const rec = isRecord(item) ? item : {};
  const key: Record<string, unknown> = {};
  // A port's protocol is a key with a default: an item that leaves it out means TCP.
  for (const k of [...shape.keys].sort()) key[k] = rec[k] ?? (k === 'protocol' ? 'TCP' : undefined);
  return `k:${JSON.stringify(key)}`;
}

function items(shape: Shape, list: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (Array.isArray(list)) for (const item of list) out.set(itemElement(shape, item), item);
  return out;
}

/** The fields an applied configuration sets (the applier's new ownership). */
export function toFieldSet(shape: Shape, value: unknown, path: Path, out: FieldSet): void {
  if (shape.kind === 'leaf') {
    out.add(keyOf(path));
  } else if (shape.kind === 'struct' || shape.kind === 'map') {
    if (!isRecord(value)) return void out.add(keyOf(path));
    for (const [k, v] of Object.entries(value)) {
      const child = memberShape(shape, k);
      if (!child) continue; // undeclared: field validation speaks about it
      const p = [...path, `f:${k}`];
      toFieldSet(child, v, p, out);
      if (v === null || (isRecord(v) && !Object.keys(v).length) || shape.kind === 'map')
        out.add(keyOf(p));
    }
  } else {
    if (!Array.isArray(value)) return void out.add(keyOf(path));
    for (const [el, item] of items(shape, value)) {
      const p = [...path, el];
      if (shape.kind === 'assoc') toFieldSet(shape.elem, item, p, out);
      out.add(keyOf(p));
    }
  }
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (isRecord(v) && !Object.keys(v).length) ||
  (Array.isArray(v) && !v.length);

/** What changed between two versions of an object, path by path. */
export function compare(shape: Shape, lhs: unknown, rhs: unknown, path: Path, c: Comparison): void {
  const k = keyOf(path);
  const leaf = (): void => {
    if (lhs === undefined || lhs === null) c.added.add(k);
    else if (rhs === undefined || rhs === null) c.removed.add(k);
    else if (!isDeepStrictEqual(lhs, rhs)) c.modified.add(k);
  };
  const container = shape.kind === 'struct' || shape.kind === 'map' ? isRecord : Array.isArray;
  const bad = (v: unknown): boolean => v !== undefined && v !== null && !container(v);
  if (shape.kind === 'leaf' || (isEmpty(lhs) && isEmpty(rhs)) || bad(lhs) || bad(rhs)) {
    if (path.length) leaf();
    return;
  }
  if (shape.kind === 'struct' || shape.kind === 'map') {
    const l = isRecord(lhs) ? lhs : {};
    const r = isRecord(rhs) ? rhs : {};
    for (const key of new Set([...Object.keys(l), ...Object.keys(r)])) {
      const child = memberShape(shape, key);
      if (child && (l[key] !== undefined || r[key] !== undefined))
        compare(child, l[key], r[key], [...path, `f:${key}`], c);
    }
  } else {
    const l = items(shape, lhs);
    const r = items(shape, rhs);
    const elem: Shape = shape.kind === 'assoc' ? shape.elem : { kind: 'leaf' };
    for (const el of new Set([...l.keys(), ...r.keys()]))
      compare(elem, l.get(el), r.get(el), [...path, el], c);
  }
  if (!path.length) return;
  if (lhs === undefined || lhs === null) c.added.add(k);
  else if (rhs === undefined || rhs === null) c.removed.add(k);
}

/** An object as the API server's empty one: every plain (non-pointer) struct present as `{}`. */
export function emptyOf(shape: Shape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (shape.kind !== 'struct') return out;
  for (const [name, f] of fieldsOf(shape.message))
    if (!f.optional && f.shape.kind === 'struct') out[name] = emptyOf(f.shape);
  return out;
}

const SERVER_META = [
  'name',
  'namespace',
  'creationTimestamp',
  'selfLink',
  'uid',
  'generation',
  'managedFields',
  'resourceVersion',
];

/** Drops what no manager owns: type and identity fields the server sets, and status. */
export function withoutServerFields(set: FieldSet): FieldSet {
  const out: FieldSet = new Set();
  for (const k of set) {
    const p = pathOf(k);
    if (p[0] === 'f:apiVersion' || p[0] === 'f:kind' || p[0] === 'f:status') continue;
    if (p[0] === 'f:metadata' && (p.length === 1 || SERVER_META.includes(p[1]!.slice(2)))) continue;
    out.add(k);
  }
  return out;
}

/** A path as conflicts print it: `.spec.template.spec.containers[name="app"].image`. */
export function printPath(p: Path): string {
  return p
    .map((el) => {
      if (el.startsWith('f:')) return `.${el.slice(2)}`;
      if (el.startsWith('v:')) return `[=${el.slice(2)}]`;
      const key = JSON.parse(el.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(key)
        .map(([n, v]) => `${n}=${JSON.stringify(v)}`)
        .join(',')}]`;
    })
    .join('');
}
