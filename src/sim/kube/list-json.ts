import type { KubeObject } from '../contracts.js';

/**
 * Each stored object's JSON text, written the first time a list serves it. The store never changes
 * an object it holds: every write (create, update, patch, status, eviction, delete) stores a new
 * object, so a changed object is a new key here and its old text goes with the old one.
 */
const cache = new WeakMap<KubeObject, string>();

/** An object's JSON text (`JSON.stringify(o)`), written once per stored version. */
export function objectJson(o: KubeObject): string {
  let text = cache.get(o);
  if (text === undefined) {
    text = JSON.stringify(o);
    cache.set(o, text);
  }
  return text;
}

/**
 * The JSON text of a list body `{ kind, apiVersion, metadata, items }`, exactly what
 * `JSON.stringify` of it gives, joined from each item's cached text: a page of 500 pods is about
 * 1.1 MB, and writing it afresh on every page cost the simulator several milliseconds a page.
 */
export function listJson(
  head: { kind: string; apiVersion: string; metadata: Record<string, unknown> },
  items: readonly KubeObject[],
): string {
  const start = JSON.stringify({ ...head, items: [] }).slice(0, -2);
  return `${start}${items.map(objectJson).join(',')}]}`;
}
