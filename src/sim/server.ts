import {
  constants,
  createSecureServer,
  type Http2SecureServer,
  type Http2ServerRequest,
  type Http2ServerResponse,
} from 'node:http2';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type Caller, type Handler, type SimRequest, type SimResponse, Router } from './http.js';
import { RequestLog, effectOfRequest, type LoggedRequest } from './request-log.js';
import { TokenTable } from './tokens.js';
import { withArmHeaders } from './arm-headers.js';
import { certificateCaller } from './client-certificate.js';
import type { SimCertificates } from './cert.js';
import { graphError } from './graph/errors.js';

/**
 * Something that may answer instead of the handler (faults), or let it through (undefined).
 * `'reset'` drops the request unprocessed; `'lose'` lets the handler process it, then drops its
 * answer (the client sees the same reset, but the change was made); `{ afterProcessing }` lets
 * the handler process it, then answers that instead (a server timeout answered while the handler
 * went on to make the change).
 */
export type Interceptor = (
  req: SimRequest,
  api: LoggedRequest['api'],
) => Promise<Intercepted> | Intercepted;

type Intercepted = SimResponse | 'reset' | 'lose' | { afterProcessing: SimResponse } | undefined;

export interface HttpsSimOptions {
  certificates: SimCertificates;
  port?: number;
  /** Tokens shared with other servers of one simulator (several clusters); a fresh table if absent. */
  tokens?: TokenTable;
}

/** A request as either protocol delivers it. */
type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

/** What the simulator does with a response, the same on HTTP/1.1 and HTTP/2. */
interface Reply {
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  /** The request's protocol: HTTP/2 refuses HTTP/1.1's connection-specific headers. */
  readonly req: { httpVersionMajor: number };
  writeHead(status: number, headers: Record<string, string>): unknown;
  flushHeaders?(): void;
  write(chunk: string | Buffer): unknown;
  end(payload?: string | Buffer): unknown;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * The simulator's HTTPS front: one loopback port serves both the Kubernetes API and ARM.
 * ARM paths start with /subscriptions; everything else is the Kubernetes API server.
 * It speaks HTTP/2 to clients that offer it and HTTP/1.1 to the others, as kube-apiserver does:
 * a client that multiplexes its requests on one connection (undici, client-go) does so here too,
 * instead of opening a TLS connection for each request in flight.
 */
export class HttpsSim {
  readonly kube = new Router();
  readonly arm = new Router();
  /** Microsoft Graph (`/v1.0/...`), served on the same port. */
  readonly graph = new Router();
  readonly tokens: TokenTable;
  readonly log = new RequestLog();
  readonly interceptors: Interceptor[] = [];
  private server: Http2SecureServer | undefined;
  private readonly sockets = new Set<Socket>();
  private url = '';

  constructor(private readonly options: HttpsSimOptions) {
    this.tokens = options.tokens ?? new TokenTable();
  }

  /** The base URL, `https://127.0.0.1:<port>`, once listening. */
  get baseUrl(): string {
    return this.url;
  }

  /** Starts listening on 127.0.0.1 (port 0 picks a free one). */
  async listen(): Promise<string> {
    const { cert, key, caCert } = this.options.certificates;
    // Client certificates signed by the simulator's CA authenticate too (AKS's admin and, on
    // clusters without Entra ID, user credentials); clients without one are not refused here.
    const options = {
      cert,
      key,
      ca: caCert,
      requestCert: true,
      rejectUnauthorized: false,
      allowHTTP1: true,
    };
    const server = createSecureServer(options, (req: AnyRequest, response: AnyResponse) => {
      const res = response as Reply;
      this.serve(req, res).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: String(error) }));
        }
      });
    });
    this.server = server;
    // Every TCP connection, handshake done or not: close() must end them all.
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    this.url = `https://127.0.0.1:${port}`;
    return this.url;
  }

  /** Stops listening and drops open connections. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Every connection, whatever its protocol and even one still in its TLS handshake (a pooled
    // client opening another): one left open would be served after this and hold close() open
    // for as long as the client keeps it alive.
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private async serve(req: AnyRequest, res: Reply): Promise<void> {
    const startMs = performance.now();
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const api = apiOf(url.pathname);
    const method = (req.method ?? 'GET').toUpperCase();
    const base: Omit<SimRequest, 'caller' | 'params'> = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    const answer = await this.answer(base, api, certificateCaller(req));
    const entry: LoggedRequest = {
      time: new Date().toISOString(),
      api,
      method,
      path: url.pathname,
      query: url.search,
      effect: effectOfRequest(method, url.pathname, url.searchParams, api),
      status: answer.response === 'reset' ? 0 : answer.response.status,
      startMs,
      endMs: performance.now(),
    };
    if (answer.user) entry.user = answer.user;
    if (answer.response !== 'reset') traceList(entry, answer.response);
    this.log.add(entry);
    if (answer.response === 'reset') {
      // HTTP/1.1: the connection is dropped. HTTP/2: this request's stream is reset with an
      // error, as a server failing one request does; the others on its connection go on.
      if ('stream' in req) req.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      else req.socket.destroy();
      return;
    }
    send(res, api === 'arm' ? withArmHeaders(answer.response, req.headers) : answer.response);
  }

  private async answer(
    base: Omit<SimRequest, 'caller' | 'params'>,
    api: LoggedRequest['api'],
    fromCertificate: Caller | undefined,
  ): Promise<{ response: SimResponse | 'reset'; user?: string }> {
    const open = api === 'kube' && isOpenKubePath(base.path);
    const auth = this.tokens.check(base.headers.authorization);
    // The API server tries the client certificate before a bearer token, as kube-apiserver does.
    let caller: Caller | undefined = api === 'kube' ? fromCertificate : undefined;
    if (!caller && 'caller' in auth && audienceFits(auth.caller.audience, api))
      caller = auth.caller;
    if (!caller && !open) return { response: unauthorized(api, auth) };
    const req: SimRequest = {
      ...base,
      caller: caller ?? {
        user: 'system:anonymous',
        groups: ['system:unauthenticated'],
        audience: 'kube',
      },
      params: {},
    };
    return { response: await this.dispatch(req, api), user: req.caller.user };
  }

  /**
   * Answers an authenticated request: interceptors first, then the route. Another server of the
   * same simulator hands ARM requests for this cluster here (one ARM endpoint, many clusters).
   */
  async dispatch(req: SimRequest, api: LoggedRequest['api']): Promise<SimResponse | 'reset'> {
    let lose = false;
    let instead: SimResponse | undefined;
    for (const intercept of this.interceptors) {
      const faulted = await intercept(req, api);
      if (faulted === 'lose') lose = true;
      else if (typeof faulted === 'object' && 'afterProcessing' in faulted)
        instead = faulted.afterProcessing;
      else if (faulted) return faulted;
    }
    const answer = await this.route(req, api);
    // Processed, answer dropped: the world changed, the client hears only a reset.
    if (lose) return 'reset';
    // Processed, answered as failed all the same: the world changed, the client hears the failure.
    return instead ?? answer;
  }

  private async route(req: SimRequest, api: LoggedRequest['api']): Promise<SimResponse> {
    const router = api === 'arm' ? this.arm : api === 'graph' ? this.graph : this.kube;
    const found = router.match(req.method, req.path);
    if (!found) return notFound(api, req.path);
    if ('allowed' in found) return methodNotAllowed(api, req.method);
    req.params = found.params;
    const handler: Handler = found.handler;
    return handler(req);
  }
}

/**
 * Which API a path belongs to: ARM under /subscriptions or /providers (tenant-level, e.g. Resource
 * Graph), Microsoft Graph under /v1.0, else Kubernetes.
 */
function apiOf(pathname: string): LoggedRequest['api'] {
  const path = pathname.toLowerCase();
  if (path.startsWith('/subscriptions/') || path.startsWith('/providers/')) return 'arm';
  if (path.startsWith('/v1.0/')) return 'graph';
  return 'kube';
}

/**
 * Whether a token is good for an API. Graph also takes the operator's ARM token: the local test
 * credential hands one token for every scope (a real Graph token differs only by audience).
 */
function audienceFits(audience: Caller['audience'], api: LoggedRequest['api']): boolean {
  return audience === api || (api === 'graph' && audience === 'arm');
}

/** Notes a list's size and `continue` token on its log line (the bench traces paged reads). */
function traceList(entry: LoggedRequest, response: SimResponse): void {
  const body = response.body as
    | Record<'items' | 'value' | 'groups' | 'resources', unknown>
    | { metadata?: { continue?: unknown } }
    | undefined;
  const lists = body ? ['items', 'value', 'groups', 'resources'] : [];
  const items = lists.map((k) => (body as Record<string, unknown>)[k]).find(Array.isArray);
  if (items) entry.listed = items.length;
  const next = body && 'metadata' in body ? body.metadata?.continue : undefined;
  if (typeof next === 'string' && next !== '') entry.continueOut = next;
}

/** Paths a real API server answers without credentials (anonymous discovery of health and version). */
function isOpenKubePath(path: string): boolean {
  return path === '/healthz' || path === '/readyz' || path === '/livez' || path === '/version';
}

function readBody(req: AnyRequest): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: Reply, r: SimResponse): void {
  const headers: Record<string, string> = { ...r.headers };
  // HTTP/2 frames its bodies itself and refuses HTTP/1.1's connection-specific headers.
  if (res.req.httpVersionMajor === 2) delete headers['transfer-encoding'];
  if (r.stream) {
    headers['content-type'] ??= 'application/json';
    res.writeHead(r.status, headers);
    res.flushHeaders?.();
    r.stream({
      write: (chunk) => {
        if (!res.writableEnded) res.write(chunk);
      },
      end: () => res.end(),
      onClose: (fn) => res.once('close', fn),
    });
    return;
  }
  let payload: Buffer | string = '';
  if (r.raw !== undefined) {
    payload = r.raw;
  } else if (r.body !== undefined) {
    payload = r.bodyJson ? r.bodyJson() : JSON.stringify(r.body);
    headers['content-type'] ??= 'application/json';
  }
  res.writeHead(r.status, headers);
  res.end(payload);
}

/** A Kubernetes `Status` failure object, as the API server writes it. */
export function kubeStatus(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): SimResponse {
  const body: Record<string, unknown> = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details) body['details'] = details;
  return { status: code, body };
}

/** An ARM error body: `{"error":{"code","message"}}`. */
export function armError(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}

function unauthorized(
  api: LoggedRequest['api'],
  auth: ReturnType<TokenTable['check']>,
): SimResponse {
  if (api === 'graph') {
    const expired = 'refused' in auth && auth.refused === 'expired';
    return graphError(
      401,
      'InvalidAuthenticationToken',
      expired ? 'Lifetime validation failed, the token is expired.' : 'Access token is empty.',
    );
  }
  if (api === 'arm') {
    const why =
      'refused' in auth && auth.refused === 'expired'
        ? [
            'ExpiredAuthenticationToken',
            'The access token expiry UTC time is earlier than current UTC time.',
          ]
        : [
            'AuthenticationFailed',
            'Authentication failed. The Authorization header is missing or invalid.',
          ];
    return {
      ...armError(401, why[0]!, why[1]!),
      headers: {
        'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common"',
      },
    };
  }
  return kubeStatus(401, 'Unauthorized', 'Unauthorized');
}

function notFound(api: LoggedRequest['api'], path: string): SimResponse {
  if (api === 'graph')
    return graphError(400, 'BadRequest', `Resource not found for the segment '${path}'.`);
  if (api === 'arm') {
    return armError(404, 'NotFound', `The requested resource ${path} was not found.`);
  }
  return kubeStatus(404, 'NotFound', 'the server could not find the requested resource', {});
}

function methodNotAllowed(api: LoggedRequest['api'], method: string): SimResponse {
  if (api === 'graph')
    return graphError(405, 'Request_BadRequest', `The method ${method} is not allowed.`);
  if (api === 'arm') {
    return armError(
      405,
      'MethodNotAllowed',
      `The method ${method} is not allowed for this resource.`,
    );
  }
  return kubeStatus(
    405,
    'MethodNotAllowed',
    `the server does not allow this method on the requested resource`,
  );
}
