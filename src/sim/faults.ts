import { z } from 'zod';
import type { SimClock } from './clock.js';
import type { SimRequest, SimResponse } from './http.js';
import { armError, kubeStatus, type HttpsSim } from './server.js';

/** Faults a scenario (or a test) can switch on; every share is drawn from a seeded generator. */
export const faultSpecSchema = z.strictObject({
  /** Seed of the generator, so a run with the same requests sees the same faults. */
  seed: z.number().int().optional(),
  /** Which API the request faults hit (default both); operation faults are ARM's anyway. */
  api: z.enum(['arm', 'kube', 'both']).optional(),
  /**
   * Request faults hit only paths matching this regular expression (default every path): e.g.
   * throttle one step's reads while connecting still works.
   */
  pathPattern: z
    .string()
    .refine((p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    }, 'not a regular expression')
    .optional(),
  /** Request faults hit only these methods (default every method): e.g. reset a write, not its read. */
  methods: z.array(z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'])).optional(),
  /** The first this many requests the faults would hit pass unharmed (e.g. a read before its write). */
  skip: z.number().int().min(0).optional(),
  /** Share (0..1) of calls answered 429. */
  throttle: z.number().min(0).max(1).optional(),
  /** Retry-After seconds on those 429s; absent = no header (as a PDB-less 429 from ARM can be). */
  throttleRetryAfter: z.number().int().min(0).optional(),
  /** Share of calls answered with a server error. */
  serverError: z.number().min(0).max(1).optional(),
  /**
   * The status of those errors (default 500). 504 is the API server's own request timeout (Status
   * reason `Timeout`; ARM: `GatewayTimeout`), answered here before the request is processed.
   */
  serverErrorStatus: z.union([z.literal(500), z.literal(503), z.literal(504)]).optional(),
  /**
   * Share of calls processed (a write takes effect) but answered 504 Timeout: the API server's
   * request timeout ran out while the handler was at work, and the handler went on to finish.
   * Only reading again tells it from a 504 answered before anything was done.
   */
  processedTimeout: z.number().min(0).max(1).optional(),
  /** Share of calls whose connection is reset without an answer, before they are processed. */
  reset: z.number().min(0).max(1).optional(),
  /**
   * Share of calls processed (a write takes effect) whose answer is then dropped: the request's
   * HTTP/2 stream is reset (HTTP/1.1: its connection), as when the network fails on the way back.
   * The client cannot tell it from `reset`; only reading again shows what happened.
   */
  loseAnswer: z.number().min(0).max(1).optional(),
  /**
   * Share of watches (GET with `watch=true`) answered 200 whose stream then stays open and silent:
   * no event, no bookmark, never ended, as when a proxy on the way idles the connection. Only a
   * bound on the client's side notices it.
   */
  stallWatch: z.number().min(0).max(1).optional(),
  /**
   * Request faults hit at most this many requests (after `skip`), then every request passes: e.g.
   * one watch stalls, the next one works.
   */
  times: z.number().int().min(1).optional(),
  /** Added latency per call (wall milliseconds). */
  latencyMs: z.number().int().min(0).optional(),
  /** Added latency per ARM call instead of `latencyMs` (ARM answers slower than the API server). */
  armLatencyMs: z.number().int().min(0).optional(),
  /** Share of ARM writes refused with 409 "another operation is in progress". */
  armBusy: z.number().min(0).max(1).optional(),
  /**
   * Share of ARM PUTs refused with 409 EtagMismatch: AKS found the resource changed by another
   * writer between its read and this write (a concurrent update), and changed nothing.
   */
  armEtagMismatch: z.number().min(0).max(1).optional(),
  /** Every long-running ARM operation ends like this instead of Succeeded. */
  operationOutcome: z.enum(['Failed', 'Canceled']).optional(),
  /** Every token expires after this many simulated minutes. */
  tokenExpiryMinutes: z.number().positive().optional(),
  /**
   * The data plane drops ipBlock `except` entries, as a broken engine would: pods reach what
   * the policies except (probe pods then disagree with the static verdict, on purpose).
   */
  dataPlaneIgnoresExcept: z.boolean().optional(),
});

/** What faults to inject; see `faultSpecSchema`. */
export type FaultSpec = z.output<typeof faultSpecSchema>;

/** A small seeded generator (mulberry32): the same seed gives the same fault sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Installs the request faults of `spec` as an interceptor; token expiry needs the clock. */
export function installFaults(https: HttpsSim, spec: FaultSpec, clock?: SimClock): void {
  if (spec.tokenExpiryMinutes !== undefined && clock) {
    clock.after(spec.tokenExpiryMinutes * 60_000, () => https.tokens.expireAll());
  }
  const requestFaults =
    spec.throttle ||
    spec.serverError ||
    spec.reset ||
    spec.loseAnswer ||
    spec.stallWatch ||
    spec.processedTimeout ||
    spec.latencyMs ||
    spec.armLatencyMs ||
    spec.armBusy ||
    spec.armEtagMismatch;
  if (!requestFaults) return;
  const random = seededRandom(spec.seed ?? 1);
  const paths = spec.pathPattern === undefined ? undefined : new RegExp(spec.pathPattern);
  let skipped = 0;
  let hit = 0;
  https.interceptors.push(async (req, api) => {
    if (spec.times !== undefined && hit >= spec.times) return undefined;
    // Faults are of the cluster's APIs; Microsoft Graph is another service.
    if (api === 'graph') return undefined;
    if (spec.api && spec.api !== 'both' && spec.api !== api) return undefined;
    if (paths && !paths.test(req.path)) return undefined;
    if (spec.methods && !(spec.methods as readonly string[]).includes(req.method)) return undefined;
    if (skipped < (spec.skip ?? 0)) {
      skipped += 1;
      return undefined;
    }
    const latency = api === 'arm' ? (spec.armLatencyMs ?? spec.latencyMs) : spec.latencyMs;
    if (latency) await new Promise((r) => setTimeout(r, latency));
    const fault = pickFault(spec, random, req, api === 'arm' ? 'arm' : 'kube');
    if (fault !== undefined || latency) hit += 1;
    return fault;
  });
}

function pickFault(
  spec: FaultSpec,
  random: () => number,
  req: SimRequest,
  api: 'arm' | 'kube',
): SimResponse | 'reset' | 'lose' | { afterProcessing: SimResponse } | undefined {
  // One draw per request keeps the sequence stable whatever faults are enabled.
  const roll = random();
  let edge = 0;
  if (spec.reset && roll < (edge += spec.reset)) return 'reset';
  if (spec.loseAnswer && roll < (edge += spec.loseAnswer)) return 'lose';
  if (spec.throttle && roll < (edge += spec.throttle)) return throttled(spec, api);
  if (spec.serverError && roll < (edge += spec.serverError)) {
    const status = spec.serverErrorStatus ?? 500;
    if (status === 504) return timedOut(api);
    return api === 'arm'
      ? armError(
          status,
          status === 503 ? 'ServiceUnavailable' : 'InternalServerError',
          'The server encountered an internal error. Please retry the request.',
        )
      : kubeStatus(
          status,
          status === 503 ? 'ServiceUnavailable' : 'InternalError',
          'an error on the server ("") has prevented the request from succeeding',
        );
  }
  if (spec.processedTimeout && roll < (edge += spec.processedTimeout)) {
    return { afterProcessing: timedOut(api) };
  }
  if (spec.stallWatch && isWatch(req) && roll < (edge += spec.stallWatch)) return stalledWatch();
  const write = req.method !== 'GET' && req.method !== 'HEAD';
  if (
    spec.armBusy &&
    api === 'arm' &&
    write &&
    !/list\w*Credential$/i.test(req.path) &&
    roll < (edge += spec.armBusy)
  ) {
    return armError(
      409,
      'OperationNotAllowed',
      'Operation is not allowed: Another operation (Updating) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation',
    );
  }
  if (
    spec.armEtagMismatch &&
    api === 'arm' &&
    req.method === 'PUT' &&
    roll < edge + spec.armEtagMismatch
  ) {
    return armError(
      409,
      'EtagMismatch',
      'The resource was changed by another request after it was read; its etag no longer matches. Read it again and retry.',
    );
  }
  return undefined;
}

/** Whether a request is a watch (`watch=true`, or `1` as older clients send it). */
function isWatch(req: SimRequest): boolean {
  const watch = req.query.get('watch');
  return req.method === 'GET' && (watch === 'true' || watch === '1');
}

/** A watch accepted and then silent: the stream stays open, nothing more arrives, ever. */
function stalledWatch(): SimResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    stream: () => undefined,
  };
}

/**
 * A 504 as the API server's timeout filter answers it (apimachinery's NewTimeoutError: reason
 * `Timeout`, "Timeout: " before the message), or ARM's gateway timeout.
 */
function timedOut(api: 'arm' | 'kube'): SimResponse {
  return api === 'arm'
    ? armError(
        504,
        'GatewayTimeout',
        'The gateway did not receive a response within the specified time period.',
      )
    : kubeStatus(
        504,
        'Timeout',
        'Timeout: request did not complete within requested timeout - context deadline exceeded',
      );
}

function throttled(spec: FaultSpec, api: 'arm' | 'kube'): SimResponse {
  const headers: Record<string, string> = {};
  if (spec.throttleRetryAfter !== undefined)
    headers['retry-after'] = String(spec.throttleRetryAfter);
  const base =
    api === 'arm'
      ? armError(
          429,
          'TooManyRequests',
          'The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00.',
        )
      : kubeStatus(429, 'TooManyRequests', 'Too many requests, please try again later.');
  return { ...base, headers };
}
