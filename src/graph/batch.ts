import { chunks } from './objects.js';
import { graphErrorOf, type GraphAnswer, type GraphWire } from './wire.js';

/** Graph's limit on requests in one JSON batch. */
export const BATCH_SIZE = 20;

/** One GET of a batch: its url under /v1.0 and extra headers. */
export interface BatchGet {
  url: string;
  headers?: Record<string, string>;
}

/**
 * Sends GETs through `POST /$batch`, 20 at a time, and returns each answer in order. A refused
 * batch as a whole (403, 5xx) is thrown as `GraphRefusal`.
 */
export async function batchGet(wire: GraphWire, gets: readonly BatchGet[]): Promise<GraphAnswer[]> {
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
      (answer.body as { responses?: Array<{ id: string; status: number; body?: unknown }> })
        .responses ?? [];
    const byId = new Map(responses.map((r) => [r.id, r]));
    run.forEach((_, i) => {
      const r = byId.get(String(i));
      out.push(r ? { status: r.status, body: r.body } : { status: 0, body: undefined });
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
