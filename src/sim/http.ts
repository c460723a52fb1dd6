import type { IncomingHttpHeaders } from 'node:http';

/** Who is calling, as the simulator's token table says. */
export interface Caller {
  user: string;
  groups: string[];
  /** Which API the token is good for. */
  audience: 'arm' | 'kube' | 'graph';
}

/** A request as handlers see it: already authenticated, body read. */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  caller: Caller;
  /** Path parameters captured by the route pattern (`{name}` segments). */
  params: Record<string, string>;
}

/** Where a streaming response writes (watch): chunks until `end`, or until the client goes away. */
export interface StreamSink {
  write(chunk: string): void;
  end(): void;
  /** Called once when the connection closes, whoever closed it. */
  onClose(fn: () => void): void;
}

/** A response: JSON body unless `raw` is given; `stream` keeps the connection open and writes chunks. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** `body` as JSON text, when the handler has a cheaper way to write it than JSON.stringify. */
  bodyJson?: () => string;
  raw?: Buffer | string;
  stream?: (sink: StreamSink) => void;
}

export type Handler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

/**
 * A small path router: patterns like `/api/v1/namespaces/{namespace}/pods/{name}`.
 * Literal segments win over parameters, so `/api/v1/nodes/{name}` and `/api/v1/nodes` coexist.
 */
export class Router {
  private readonly routes: Route[] = [];

  /** Registers a handler for a method and a path pattern. */
  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), segments: split(pattern), handler });
    return this;
  }

  /** Finds the handler for a request, or says which methods the path allows. */
  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string> } | { allowed: string[] } | undefined {
    const parts = split(path);
    const allowed: string[] = [];
    let best: { handler: Handler; params: Record<string, string>; score: number } | undefined;
    for (const route of this.routes) {
      const found = matchSegments(route.segments, parts);
      if (!found) continue;
      if (route.method !== method.toUpperCase()) {
        allowed.push(route.method);
        continue;
      }
      if (!best || found.score > best.score) best = { handler: route.handler, ...found };
    }
    if (best) return { handler: best.handler, params: best.params };
    return allowed.length > 0 ? { allowed } : undefined;
  }
}

function split(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(
  pattern: string[],
  parts: string[],
): { params: Record<string, string>; score: number } | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  let score = 0;
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith('{') && p.endsWith('}')) {
      params[p.slice(1, -1)] = decodeURIComponent(v);
    } else if (p.toLowerCase() === v.toLowerCase()) {
      score++;
    } else {
      return undefined;
    }
  }
  return { params, score };
}

/** Reads a JSON body, or undefined when it is empty or not JSON. */
export function jsonBody<T>(req: SimRequest): T | undefined {
  if (req.body.length === 0) return undefined;
  try {
    return JSON.parse(req.body.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}
