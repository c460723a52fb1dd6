import type { KubeConfig } from '@kubernetes/client-node';
import { jsonReaderOf } from './wire.js';

/**
 * Every item of a list as plain JSON, page by page (`limit` + `continue`), each reshaped by `keep`
 * as its page arrives. Skips client-node's model classes: for 30,000 pods their deserializing
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
  const read = jsonReaderOf(kc);
  if (!read) return undefined;
  const items: T[] = [];
  let next: string | undefined;
  do {
    const params = new URLSearchParams({ ...query, ...(next ? { continue: next } : {}) });
    const page = JSON.parse(await read(`${path}?${params.toString()}`, signal)) as {
      items?: unknown[];
      metadata?: { continue?: string };
    };
    for (const item of page.items ?? []) items.push(keep(item));
    next = page.metadata?.continue || undefined;
  } while (next);
  return items;
}
