import { AsyncLocalStorage } from 'node:async_hooks';
import { FaultError, KIND_ADVICE } from './errors.js';

/**
 * One time bound for a whole look (every request it makes, every retry and every wait between
 * them), instead of one per request: a look at a cluster that went away ends, and says so, within
 * the bound however many requests it makes. The wires read the open bound (`openLookBound`) and
 * end their requests and retries when it runs out; they tell it what failed (`noteTrouble`), so
 * the one line says what could not be reached.
 */
export interface LookBound {
  /** Aborts when the bound runs out, or when the look failed: nothing of it outlives it. */
  readonly signal: AbortSignal;
  /** A wire could not reach `side` (e.g. `Azure Resource Manager https://…`): `why`, in words. */
  noteTrouble(side: string, why: string): void;
  /** The failure the look ends with when the bound ran out. */
  failure(): FaultError;
}

const open = new AsyncLocalStorage<LookBound>();

/** The bound of the look running in this async context, if any. */
export function openLookBound(): LookBound | undefined {
  return open.getStore();
}

/**
 * Runs `work` as one look bounded by `ms`: it ends (rejects with one line naming what could not be
 * reached) when the bound runs out, and every request it started is aborted then, or as soon as
 * it failed. A look inside an open bound joins it.
 */
export async function withinLookBound<T>(ms: number, work: () => Promise<T>): Promise<T> {
  if (open.getStore()) return work();
  const bound = new Bound(ms);
  let timer: NodeJS.Timeout | undefined;
  const ranOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const failure = bound.failure();
      bound.controller.abort(failure);
      reject(failure);
    }, ms);
  });
  try {
    return await Promise.race([open.run(bound, work), ranOut]);
  } catch (error) {
    // A failed look's other requests and retries are moot: they end with it.
    bound.controller.abort(error);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `work` outside any look's bound: what it starts lives on (a watch, a change). */
export function outsideLookBound<T>(work: () => T): T {
  return open.exit(work);
}

class Bound implements LookBound {
  readonly controller = new AbortController();
  private readonly troubles = new Map<string, string>();

  constructor(private readonly ms: number) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  noteTrouble(side: string, why: string): void {
    this.troubles.set(side, why);
  }

  failure(): FaultError {
    const seconds = `${Math.round(this.ms / 100) / 10} s`;
    if (this.troubles.size === 0) {
      return new FaultError(
        'timeout',
        `the cluster did not answer within ${seconds}; ${KIND_ADVICE.timeout}`,
      );
    }
    const said = [...this.troubles].map(([side, why]) => `${side} ${why}`).join('; ');
    return new FaultError(
      'unreachable',
      `${said} (gave up after ${seconds}); ${KIND_ADVICE.unreachable}`,
    );
  }
}

/** Error codes along a cause chain, in words: why a connection was not made or was lost. */
const CODE_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'refused the connection',
  ENOTFOUND: 'is not a known host name',
  EAI_AGAIN: 'could not be looked up (DNS)',
  EHOSTUNREACH: 'is not reachable (no route)',
  ENETUNREACH: 'is not reachable (no network)',
  ETIMEDOUT: 'did not accept the connection in time',
  ECONNRESET: 'dropped the connection',
  EPIPE: 'dropped the connection',
  UND_ERR_SOCKET: 'dropped the connection',
  UND_ERR_CLOSED: 'dropped the connection',
  ERR_HTTP2_STREAM_ERROR: 'reset the request',
  UND_ERR_CONNECT_TIMEOUT: 'did not accept the connection in time',
};

/** Why a request failed to reach its server, in a few words; undefined when it was not that. */
export function unreachableWords(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    const e = current as { code?: unknown; cause?: unknown };
    if (typeof e.code === 'string' && CODE_WORDS[e.code]) return CODE_WORDS[e.code];
    current = e.cause;
  }
  return undefined;
}
