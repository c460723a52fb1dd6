import {
  ApiException,
  createConfiguration,
  HttpMethod,
  IsomorphicFetchHttpLibrary,
  RequestContext,
  ServerConfiguration,
  wrapHttpLibrary,
  type KubeConfig,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { Bounds, WaitNotice } from '../model/bounds.js';
import { FaultError, KIND_ADVICE, stampKind, firstLine } from '../model/errors.js';
import type { WireMode } from '../model/session.js';
import { boundedCredentials } from './credential-bound.js';
import { redactUrlPasswords } from '../model/redact-url.js';
import { statusKind } from './errors.js';
import { DEFAULT_KUBE_RETRY, sendWithRetries, type KubeRetryPolicy } from './retry.js';
import { guardKubeRequest, onlyReads } from './wire-guard.js';
import { reuseConnections } from './reuse-connections.js';
import { proxyFromEnvironment } from './env-proxy.js';

/** What every Kubernetes request of a connection goes through. */
export interface KubeWire {
  /** `--read-only` refuses writes, `--dry-run` makes them server-side dry runs. */
  mode: WireMode;
  /** How reads are retried and bounded (client-node itself neither retries nor times out). */
  retry?: KubeRetryPolicy;
  /** Request and credential time limits and the Retry-After cap (`retry`, when given, wins). */
  bounds?: Bounds;
  /** Told of a retry wait long enough to show. */
  onWait?: (wait: WaitNotice) => void;
  /** Ends every request at once when it aborts (the audit's time limit). */
  deadline?: AbortSignal;
  /** Told after each write was answered (or failed): the shared reads drop what they hold. */
  onWrite?: () => void;
}

/**
 * Makes every API client of `kc` send through one path: credentials fetched within their time
 * limit, the wire guard (whatever a step asks for, a write in read-only mode never leaves and one
 * in dry-run mode is a dry run), bounded retries of idempotent reads, and the answer checked: a
 * failure leaves as an `ApiException` (or `FaultError`) with its kind stamped on it.
 */
export function withKubeWire(kc: KubeConfig, wire: KubeWire): KubeConfig {
  const http = new IsomorphicFetchHttpLibrary();
  const fromBounds = wire.bounds
    ? { timeoutMs: wire.bounds.requestMs, maxDelayMs: wire.bounds.retryWaitMaxMs }
    : {};
  const policy: KubeRetryPolicy = {
    ...(wire.retry ?? { ...DEFAULT_KUBE_RETRY, ...fromBounds }),
    ...(wire.onWait ? { onWait: wire.onWait } : {}),
  };
  const sendChecked = async (request: RequestContext): Promise<ResponseContext> => {
    guardKubeRequest(request, wire.mode);
    const method = request.getHttpMethod().toString().toUpperCase();
    const writes = !onlyReads(method, new URL(request.getUrl()).pathname);
    try {
      const response = await sendWithRetries(http, request, policy, wire.deadline);
      return await checkedAnswer(request, response);
    } finally {
      if (writes) wire.onWrite?.();
    }
  };
  const send = wrapHttpLibrary({ send: sendChecked });
  proxyFromEnvironment(kc);
  reuseConnections(kc);
  const auth = boundedCredentials(kc, wire.bounds?.credentialMs ?? 60_000);
  const get = async (path: string, signal?: AbortSignal): Promise<ResponseContext> => {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('No active cluster!');
    const request = new RequestContext(
      `${cluster.server.replace(/\/$/, '')}${path}`,
      HttpMethod.GET,
    );
    request.setHeaderParam('Accept', 'application/json');
    if (signal) request.setSignal(signal);
    await auth.applySecurityAuthentication(request);
    return sendChecked(request);
  };
  jsonReaders.set(kc, async (path, signal) => (await get(path, signal)).body.text());
  bodyReaders.set(kc, async (path, signal) => {
    const response = await get(path, signal);
    const stream = response.body.stream();
    return stream ? new HeldBody(stream, response) : [Buffer.from(await response.body.binary())];
  });
  kc.makeApiClient = (apiClientType) => {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('No active cluster!');
    const config = createConfiguration({
      baseServer: new ServerConfiguration(cluster.server, {}),
      authMethods: { default: auth },
      httpApi: send,
    });
    return new apiClientType(config);
  };
  return kc;
}

/** Reads a path as text through a connection's wire; see `jsonReaderOf`. */
export type JsonReader = (pathAndQuery: string, signal?: AbortSignal) => Promise<string>;

const jsonReaders = new WeakMap<KubeConfig, JsonReader>();

/** Reads a path's body as it arrives, in chunks; see `bodyReaderOf`. */
export type BodyReader = (
  pathAndQuery: string,
  signal?: AbortSignal,
) => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;

const bodyReaders = new WeakMap<KubeConfig, BodyReader>();

/** `jsonReaderOf`, with the body handed over in chunks as it arrives instead of as one text. */
export function bodyReaderOf(kc: KubeConfig): BodyReader | undefined {
  return bodyReaders.get(kc);
}

/**
 * A response's body stream that keeps its response alive until it is read. undici cancels the
 * body of a fetch Response that was garbage collected while the body was neither locked nor read:
 * a body handed over alone (a page asked ahead, waiting its turn) then reads as empty once the
 * collector has run.
 */
class HeldBody implements AsyncIterable<Uint8Array> {
  constructor(
    private readonly stream: AsyncIterable<Uint8Array>,
    /** Only held: its `Response` owns the stream. */
    readonly response: ResponseContext,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    // Reading locks the stream, which undici never cancels.
    return this.stream[Symbol.asyncIterator]();
  }
}

/**
 * A GET through the same wire as every API client of `kc` (guard, retries, time limits, checked
 * answer) whose body is left as text for the caller to parse: no client-node model objects.
 * Undefined for a KubeConfig that did not go through `withKubeWire`.
 */
export function jsonReaderOf(kc: KubeConfig): JsonReader | undefined {
  return jsonReaders.get(kc);
}

/**
 * The answer as the API layer may read it, or the failure it is: an HTML page (a proxy or a
 * sign-in page, not an API server), or an error status, thrown as the `ApiException` the API layer
 * would throw, with its kind stamped.
 */
async function checkedAnswer(
  request: RequestContext,
  response: ResponseContext,
): Promise<ResponseContext> {
  const type = response.headers['content-type'] ?? '';
  if (/text\/html/i.test(type)) {
    await response.body.text().catch(() => undefined);
    const server = redactUrlPasswords(new URL(request.getUrl()).origin);
    throw new FaultError(
      'not-kubernetes',
      `${server} answered a web page (HTTP ${response.httpStatusCode}), not the Kubernetes API; ${KIND_ADVICE['not-kubernetes']}`,
    );
  }
  if (response.httpStatusCode < 400) return response;
  const body = await response.body.text().catch(() => '');
  const error = new ApiException<string>(
    response.httpStatusCode,
    `HTTP ${response.httpStatusCode}`,
    body,
    response.headers,
  );
  // client-node's message is a multi-line dump (code, body, every header): whoever prints an
  // error's message gets one line with the API server's own words instead.
  error.message = `the API server answered ${response.httpStatusCode}${statusWords(body)}`;
  throw stampKind(error, statusKind(response.httpStatusCode));
}

/** `: <message>` of a Kubernetes Status body, on one line and short; empty when there is none. */
function statusWords(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message !== 'string' || message.trim() === '') return '';
    const line = firstLine(message);
    return `: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`;
  } catch {
    return '';
  }
}
