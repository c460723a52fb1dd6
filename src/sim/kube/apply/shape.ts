// How server-side apply sees each field of a kind, from the Kubernetes API definitions: a struct of
// named fields, a map whose keys are owned one by one, a list merged by key (+listType=map) or by
// value (+listType=set), or a leaf owned as one value (scalars, atomic structs/maps/lists, and any
// list without a listType, which the API server treats as atomic).
import { ATOMIC_STRUCTS, MESSAGES } from '../proto/schema.js';
import type { ProtoField } from '../proto/types.js';
import type { ResourceType } from '../types.js';

export type Shape =
  | { kind: 'leaf' }
  | { kind: 'struct'; message: string }
  | { kind: 'map'; elem: Shape }
  | { kind: 'assoc'; elem: Shape; keys: string[] }
  | { kind: 'set' };

const LEAF: Shape = { kind: 'leaf' };

/** The shape of a value of `type` (a message name or a scalar). */
export function typeShape(type: string): Shape {
  if (!MESSAGES[type] || ATOMIC_STRUCTS.has(type)) return LEAF;
  return { kind: 'struct', message: type };
}

function note(field: ProtoField, name: string): string | undefined {
  const notes = field[4] ?? '';
  return notes
    .split(';')
    .find((n) => n.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

function fieldShape(field: ProtoField): Shape {
  const [, , type, flags] = field;
  if (flags.includes('k'))
    return note(field, 'map') === 'atomic' ? LEAF : { kind: 'map', elem: typeShape(type) };
  if (flags.includes('r')) {
    const list = note(field, 'list');
    if (list === 'map')
      return { kind: 'assoc', elem: typeShape(type), keys: (note(field, 'keys') ?? '').split('+') };
    return list === 'set' ? { kind: 'set' } : LEAF;
  }
  return note(field, 'struct') === 'atomic' ? LEAF : typeShape(type);
}

export interface FieldInfo {
  shape: Shape;
  /** A Go pointer or a slice/map: absent from an empty object (a plain struct is `{}` there). */
  optional: boolean;
}

const cache = new Map<string, Map<string, FieldInfo>>();

/** The JSON fields of a message (inlined messages merged in), with their shapes. */
export function fieldsOf(message: string): Map<string, FieldInfo> {
  let out = cache.get(message);
  if (out) return out;
  out = new Map();
  for (const f of MESSAGES[message] ?? []) {
    const [, json, type, flags] = f;
    if (flags.includes('i')) for (const [k, v] of fieldsOf(type)) out.set(k, v);
    else out.set(json, { shape: fieldShape(f), optional: /[pkr]/.test(flags) });
  }
  cache.set(message, out);
  return out;
}

/** The shape of a served kind's objects, or undefined for kinds without an API definition here. */
export function kindShape(t: ResourceType): Shape | undefined {
  const message = `${t.group.split('.')[0] || 'core'}.${t.version}.${t.kind}`;
  return MESSAGES[message] ? { kind: 'struct', message } : undefined;
}

/** The shape of a struct's or map's member `key`, or undefined when the struct does not declare it. */
export function memberShape(shape: Shape, key: string): Shape | undefined {
  if (shape.kind === 'map') return shape.elem;
  if (shape.kind === 'struct') return fieldsOf(shape.message).get(key)?.shape;
  return undefined;
}
