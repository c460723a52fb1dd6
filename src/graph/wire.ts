import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest,
  type HttpClient,
  proxyPolicyName,
  type Pipeline,
} from '@azure/core-rest-pipeline';
import { envProxyPolicy } from '../azure/env-proxy-policy.js';
import { openLookBound } from '../model/look-bound.js';

/** How to reach Microsoft Graph: its endpoint and token scope (the cloud's, or the simulator's). */
export interface GraphConnection {
  credential: TokenCredential;
  /** `https://graph.microsoft.com`, a sovereign cloud's, or the simulator's base URL. */
  endpoint: string;
  scope: string;
  /** PEM of the CA to trust for `endpoint` (the simulator). */
  caCert?: string;
  /** Each request's time limit. */
  timeoutMs: number;
  /** Ends every request at once when it aborts (the audit's time limit). */
  deadline?: AbortSignal;
}

/** One Graph answer: status, and the body parsed as JSON when it is JSON (else the text). */
export interface GraphAnswer {
  status: number;
  body: unknown;
  /** Headers of an item of a `$batch` answer (Retry-After), when Graph gave any. */
  headers?: Record<string, string>;
}

/** Graph asks this tool sends: reads, and questions POSTed (they change nothing). */
const QUESTION_POSTS = [/\/directoryObjects\/getByIds$/, /\/\$batch$/, /\/checkMemberGroups$/];

/**
 * Microsoft Graph over the Azure core pipeline the SDKs already use (bearer token for the Graph
 * scope, retries, TLS): no Graph SDK. Only reads and question POSTs can be sent.
 */
export class GraphWire {
  private readonly pipeline: Pipeline;
  private readonly client: HttpClient = createDefaultHttpClient();

  constructor(private readonly c: GraphConnection) {
    this.pipeline = createPipelineFromOptions({
      retryOptions: { maxRetries: 2, maxRetryDelayInMs: 5_000 },
      userAgentOptions: { userAgentPrefix: 'aks-runbook' },
      ...(c.caCert ? { tlsOptions: { ca: c.caCert } } : {}),
    });
    this.pipeline.addPolicy(
      bearerTokenAuthenticationPolicy({ credential: c.credential, scopes: [c.scope] }),
    );
    // As ARM's: the proxy chosen per request as kubectl chooses it (loopback never proxied).
    this.pipeline.removePolicy({ name: proxyPolicyName });
    this.pipeline.addPolicy(envProxyPolicy());
  }

  /** Sends `method path` (path under `/v1.0`, query included) and returns the answer. */
  async send(
    method: 'GET' | 'POST',
    path: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<GraphAnswer> {
    const bare = path.split('?')[0]!;
    if (method !== 'GET' && !QUESTION_POSTS.some((re) => re.test(bare)))
      throw new Error(`refused to send ${method} ${bare} to Microsoft Graph: only reads are sent`);
    const headers = createHttpHeaders({ accept: 'application/json', ...options.headers });
    if (options.body !== undefined) headers.set('content-type', 'application/json');
    // Ended by the audit's time limit and by the bound of the look it belongs to.
    const ends = [this.c.deadline, openLookBound()?.signal].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    const request = createPipelineRequest({
      url: `${this.c.endpoint.replace(/\/+$/, '')}/v1.0${path}`,
      method,
      headers,
      timeout: this.c.timeoutMs,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(ends.length > 0 ? { abortSignal: AbortSignal.any(ends) } : {}),
    });
    const response = await this.pipeline.sendRequest(this.client, request);
    const text = response.bodyAsText ?? '';
    let body: unknown = text;
    if (/json/i.test(response.headers.get('content-type') ?? '')) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, body };
  }
}

/** Graph's error code and message from an error answer, e.g. `Authorization_RequestDenied`. */
export function graphErrorOf(a: GraphAnswer): { code: string; message: string } {
  const error = (a.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : `HTTP ${a.status}`,
    message: typeof error?.message === 'string' ? error.message : '',
  };
}
