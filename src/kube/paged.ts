import { ApiException } from '@kubernetes/client-node';
import { FaultError, KIND_ADVICE } from '../model/errors.js';
import { repeatedTokenFault } from './continue-token.js';

/** One page of a Kubernetes list. */
export interface Page<T> {
  items: T[];
  metadata?: { _continue?: string };
}

/** Every item of a list, fetched page by page (`limit` + `continue`) so large clusters do not time out. */
export async function listAllPages<T>(
  fetchPage: (cont: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetchPage(next);
    // A 200 whose body is no list (no items array) is the server's or a proxy's fault, not ours.
    if (!Array.isArray((page as { items?: unknown } | undefined)?.items)) {
      throw new FaultError(
        'server-error',
        `the API server answered a list request with something that is not a list (no items); ${KIND_ADVICE['server-error']}`,
      );
    }
    items.push(...page.items);
    next = page.metadata?._continue || undefined;
    if (next !== undefined && seen.has(next)) throw repeatedTokenFault();
    if (next !== undefined) seen.add(next);
  } while (next);
  return items;
}

/**
 * Like `listAllPages`, but a 403 answer becomes `undefined` so the caller can report "could not
 * check: forbidden" instead of treating the list as empty.
 */
export async function listUnlessForbidden<T>(
  fetchPage: (cont: string | undefined) => Promise<Page<T>>,
): Promise<T[] | undefined> {
  try {
    return await listAllPages(fetchPage);
  } catch (error) {
    if (error instanceof ApiException && error.code === 403) return undefined;
    throw error;
  }
}
