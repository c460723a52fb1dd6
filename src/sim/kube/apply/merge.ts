// The object an apply produces: the applied configuration merged into the live object field by
// field (structs and maps member by member, map-lists by key, sets by value, leaves replaced),
// then the fields the applier set last time, left out now and owned by no one, removed.
import { isRecord } from '../types.js';
import { type FieldSet, type Path, isUnder, itemElement, pathOf } from './field-set.js';
import { type Shape, memberShape } from './shape.js';

const LEAF: Shape = { kind: 'leaf' };

/** `config` merged into `live`. */
export function mergeConfig(shape: Shape, live: unknown, config: unknown): unknown {
  if (config === undefined) return live;
  if (live === undefined || live === null || config === null) return config;
  if ((shape.kind === 'struct' || shape.kind === 'map') && isRecord(live) && isRecord(config)) {
    const out: Record<string, unknown> = { ...live };
    for (const [k, v] of Object.entries(config))
      out[k] = mergeConfig(memberShape(shape, k) ?? LEAF, live[k], v);
    return out;
  }
  if ((shape.kind === 'assoc' || shape.kind === 'set') && Array.isArray(live)) {
    if (!Array.isArray(config)) return config;
    const wanted = new Map(config.map((item: unknown) => [itemElement(shape, item), item]));
    const out: unknown[] = live.map((item: unknown) => {
      const el = itemElement(shape, item);
      if (!wanted.has(el)) return item;
      const next = wanted.get(el);
      wanted.delete(el);
      return shape.kind === 'assoc' ? mergeConfig(shape.elem, item, next) : next;
    });
    return [...out, ...wanted.values()];
  }
  return config;
}

/** Deletes the node at `path` (a field, map key or list item) if its parents are there. */
function deleteAt(shape: Shape, obj: unknown, path: Path): void {
  const [el, ...rest] = path;
  if (el === undefined) return;
  if (el.startsWith('f:') && isRecord(obj)) {
    const name = el.slice(2);
    if (!rest.length) delete obj[name];
    else deleteAt(memberShape(shape, name) ?? LEAF, obj[name], rest);
  } else if (Array.isArray(obj) && (shape.kind === 'assoc' || shape.kind === 'set')) {
    const i = obj.findIndex((item: unknown) => itemElement(shape, item) === el);
    if (i < 0) return;
    if (!rest.length) obj.splice(i, 1);
    else if (shape.kind === 'assoc') deleteAt(shape.elem, obj[i], rest);
  }
}

/**
 * Removes from `obj` (in place) each path of `dropped` that no path of `owned` lies at or under:
 * an item someone else still owns a field of stays, with that field.
 */
export function removeUnowned(
  shape: Shape,
  obj: Record<string, unknown>,
  dropped: FieldSet,
  owned: FieldSet,
): void {
  const ownedPaths = [...owned].map(pathOf);
  const paths = [...dropped].map(pathOf).sort((a, b) => a.length - b.length);
  for (const p of paths) if (!ownedPaths.some((q) => isUnder(q, p))) deleteAt(shape, obj, p);
}
