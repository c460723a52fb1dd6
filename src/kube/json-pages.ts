import type { KubeConfig } from '@kubernetes/client-node';
import { ListItems } from './list-items.js';
import { bodyReaderOf } from './wire.js';

/**
 * Every item of a list as plain JSON, page by page (`limit` + `continue`), each reshaped by `keep`
 * as it arrives. Skips client-node's model classes: for 30,000 pods their deserializing
 * costs seconds of CPU and the garbage of a second copy. The items have the wire's field names
 * (`metadata.continue`, timestamps as strings). Undefined when `kc` has no wire (see `withKubeWire`).
 */
export async function listJsonPages<T>(
  kc: KubeConfig,
  path: string,
  query: Record<string, string>,
  keep: (item: unknown) => T,
  signal?: AbortSignal,
): Promise<T[] | undefined> {
  const read = bodyReaderOf(kc);
  if (!read) return undefined;
  const items: T[] = [];
  let next: string | undefined;
  do {
    const params = new URLSearchParams({ ...query, ...(next ? { continue: next } : {}) });
    // Item by item as the bytes arrive: neither the page's text nor its parsed whole is made.
    const page = new ListItems((item) => items.push(keep(item)));
    for await (const chunk of await read(`${path}?${params.toString()}`, signal)) page.push(chunk);
    next = page.end().continue || undefined;
  } while (next);
  return items;
}
