import type { KubeConfig } from '@kubernetes/client-node';
import { ListItems, type ItemShape } from './list-items.js';
import { bodyReaderOf, type BodyReader } from './wire.js';
import { repeatedTokenFault } from './continue-token.js';

type Answer = ReturnType<BodyReader>;
type Body = Awaited<Answer>;

/**
 * Every item of a list as plain JSON, page by page (`limit` + `continue`), each reshaped by `keep`
 * as it arrives. Skips client-node's model classes: for 30,000 pods their deserializing
 * costs seconds of CPU and the garbage of a second copy. The items have the wire's field names
 * (`metadata.continue`, timestamps as strings). Undefined when `kc` has no wire (see `withKubeWire`).
 * `onPage` is told each page's kept items once the page has arrived whole. With `shape`, only
 * those fields of each item reach `keep` (see `ItemShape`).
 */
export async function listJsonPages<T>(
  kc: KubeConfig,
  path: string,
  query: Record<string, string>,
  keep: (item: unknown) => T,
  signal?: AbortSignal,
  onPage?: (page: T[]) => void,
  shape?: ItemShape,
): Promise<T[] | undefined> {
  const read = bodyReaderOf(kc);
  if (!read) return undefined;
  const items: T[] = [];
  const ask = (token?: string): Answer => {
    const params = new URLSearchParams({ ...query, ...(token ? { continue: token } : {}) });
    const answer = read(`${path}?${params.toString()}`, signal);
    answer.catch(() => undefined); // awaited in turn; a page asked ahead may fail meanwhile
    return answer;
  };
  let answer: Answer | undefined = ask();
  const seen = new Set<string>();
  let repeated = false;
  while (answer) {
    // The API server writes a list's metadata before its items: the next page is asked as soon
    // as its token is read, so it travels while this page's items still stream in and are
    // reshaped. One page ahead at most.
    let ahead: Answer | undefined;
    const from = items.length;
    const page = new ListItems(
      (item) => items.push(keep(item)),
      (meta) => {
        if (!meta.continue) return;
        if (seen.has(meta.continue)) repeated = true;
        else {
          seen.add(meta.continue);
          ahead = ask(meta.continue);
        }
      },
      shape,
    );
    try {
      for await (const chunk of await answer) {
        const asked = ahead;
        page.push(chunk);
        if (!asked && ahead) await sendingTurn();
      }
      page.end();
    } catch (error) {
      if (ahead) void ahead.then(cancel, () => undefined);
      throw error;
    }
    if (repeated) throw repeatedTokenFault();
    onPage?.(items.slice(from));
    answer = ahead;
  }
  return items;
}

/**
 * Two turns of the event loop, so a request just asked leaves before the rest of this page is
 * parsed. undici writes a request on a kept-alive connection only after a check-phase turn (it
 * first looks for bytes the server sent unasked); a page whose bytes have all arrived is parsed
 * in one poll phase, which would hold the next page back until this one is done. The first turn
 * may come before undici's own (the request reaches it a few promise steps after it is asked).
 */
function sendingTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** Lets go of an answer that will not be read, so its connection is not held by unread bytes. */
function cancel(body: Body): void {
  if (Symbol.asyncIterator in body) void body[Symbol.asyncIterator]().return?.();
}
