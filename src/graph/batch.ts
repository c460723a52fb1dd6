import { chunks } from './objects.js';
import { graphErrorOf, type GraphAnswer, type GraphWire } from './wire.js';

/** Graph's limit on requests in one JSON batch. */
export const BATCH_SIZE = 20;

/** One GET of a batch: its url under /v1.0 and extra headers. */
export interface BatchGet {
  url: string;
  headers?: Record<string, string>;
}

/** Retries of the items Graph throttled (429) inside a batch, and the longest wait honoured. */
export const ITEM_RETRIES = 2;
export const MAX_ITEM_WAIT_S = 5;

/**
 * Sends GETs through `POST /$batch`, 20 at a time, and returns each answer in order. A refused
 * batch as a whole (403, 5xx) is thrown as `GraphRefusal`. Items Graph throttled (429) are asked
 * again after their Retry-After, when it is at most MAX_ITEM_WAIT_S, up to ITEM_RETRIES times;
 * an item still throttled keeps its 429 (the caller says it is unknown, never absent).
 */
export async function batchGet(
  wire: GraphWire,
  gets: readonly BatchGet[],
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((ok) => setTimeout(ok, ms)),
): Promise<GraphAnswer[]> {
  const out = await batchOnce(wire, gets);
  for (let round = 0; round < ITEM_RETRIES; round++) {
    const throttled = out.flatMap((a, i) => (a.status === 429 ? [i] : []));
    if (throttled.length === 0) break;
    const wait = Math.max(...throttled.map((i) => retryAfterS(out[i]!)));
    if (!(wait <= MAX_ITEM_WAIT_S)) break;
    await sleep(wait * 1000);
    const again = await batchOnce(
      wire,
      throttled.map((i) => gets[i]!),
    );
    throttled.forEach((i, k) => (out[i] = again[k]!));
  }
  return out;
}

/** Seconds the item's Retry-After asks for (a number of seconds; absent: 1, unreadable: Infinity). */
function retryAfterS(a: GraphAnswer): number {
  const entry = Object.entries(a.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after');
  if (!entry) return 1;
  const s = Number(entry[1]);
  return Number.isFinite(s) && s >= 0 ? s : Infinity;
}

async function batchOnce(wire: GraphWire, gets: readonly BatchGet[]): Promise<GraphAnswer[]> {
  const out: GraphAnswer[] = [];
  for (const run of chunks(gets, BATCH_SIZE)) {
    const answer = await wire.send('POST', '/$batch', {
      body: {
        requests: run.map((g, i) => ({
          id: String(i),
          method: 'GET',
          url: g.url,
          ...(g.headers ? { headers: g.headers } : {}),
        })),
      },
    });
    if (answer.status !== 200) throw new GraphRefusal(answer);
    const responses =
      (
        answer.body as {
          responses?: Array<{
            id: string;
            status: number;
            headers?: Record<string, string>;
            body?: unknown;
          }>;
        }
      ).responses ?? [];
    const byId = new Map(responses.map((r) => [r.id, r]));
    run.forEach((_, i) => {
      const r = byId.get(String(i));
      out.push(
        r
          ? { status: r.status, body: r.body, ...(r.headers ? { headers: r.headers } : {}) }
          : { status: 0, body: undefined },
      );
    });
  }
  return out;
}

/** Graph said no: its status and error code travel with the error. */
export class GraphRefusal extends Error {
  readonly status: number;
  readonly code: string;
  constructor(answer: GraphAnswer) {
    const { code, message } = graphErrorOf(answer);
    super(`${code}${message ? `: ${message}` : ''}`);
    this.name = 'GraphRefusal';
    this.status = answer.status;
    this.code = code;
  }
}
