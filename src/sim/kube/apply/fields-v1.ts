// The FieldsV1 form of a field set, as `metadata.managedFields[].fieldsV1` carries it: a tree of
// path elements where `{}` is an owned leaf and `".": {}` marks an owned node that has children.
import { isRecord } from '../types.js';
import { type FieldSet, type Path, keyOf, pathOf } from './field-set.js';

interface Node {
  member: boolean;
  children: Map<string, Node>;
}

/** FieldsV1 of a set, keys sorted as the API server writes them (`.` first). */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const root: Node = { member: false, children: new Map() };
  for (const k of set) {
    let node = root;
    for (const el of pathOf(k)) {
      let next = node.children.get(el);
      if (!next) node.children.set(el, (next = { member: false, children: new Map() }));
      node = next;
    }
    node.member = true;
  }
  const encode = (node: Node): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    if (node.member && node.children.size) out['.'] = {};
    for (const el of [...node.children.keys()].sort()) out[el] = encode(node.children.get(el)!);
    return out;
  };
  return encode(root);
}

/** The set a FieldsV1 tree describes (anything that is not a tree reads as empty). */
export function fromFieldsV1(tree: unknown): FieldSet {
  const out: FieldSet = new Set();
  const walk = (node: Record<string, unknown>, path: Path): void => {
    for (const [el, child] of Object.entries(node)) {
      if (el === '.' || !isRecord(child)) continue;
      const p = [...path, el];
      const keys = Object.keys(child);
      if (!keys.length || keys.includes('.')) out.add(keyOf(p));
      walk(child, p);
    }
  };
  if (isRecord(tree)) walk(tree, []);
  return out;
}
