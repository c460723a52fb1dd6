import { createHash } from 'node:crypto';
import { jsonBody, type Router, type SimRequest, type SimResponse } from '../http.js';
import { parseGraphQuery, runGraphQuery } from './query.js';
import { apiVersionRefusal, apiVersions } from '../arm/api-versions.js';

/** API versions of Microsoft.ResourceGraph/resources the simulator serves. */
const VERSIONS = ['2021-03-01', '2022-10-01', '2024-04-01'];
const SERVED = apiVersions(VERSIONS);
/** The service's page size when the request names none, and the most it returns at once. */
const DEFAULT_TOP = 100;
const MAX_TOP = 1000;

/** One resource as Resource Graph indexes it (`type` lower-case) and who may read it. */
export interface GraphRow {
  row: Record<string, unknown>;
  /** Whether the caller's role lets them read the resource. */
  readable: boolean;
}

interface QueryBody {
  subscriptions?: string[];
  managementGroups?: string[];
  query?: string;
  options?: { $skipToken?: string; $top?: number; $skip?: number; resultFormat?: string };
}

/**
 * `POST /providers/Microsoft.ResourceGraph/resources`: the query over every resource the caller
 * may read in the subscriptions asked (all of them when none is named), paged with `$top` and a
 * `$skipToken` that carries the next offset and is good only for the same query.
 */
export function registerResourceGraph(router: Router, rows: () => GraphRow[]): void {
  router.on('POST', '/providers/Microsoft.ResourceGraph/resources', (req) => answer(req, rows()));
}

function answer(req: SimRequest, all: GraphRow[]): SimResponse {
  const refused = apiVersionRefusal(req, SERVED);
  if (refused) return refused;
  const body = jsonBody<QueryBody>(req);
  if (!body?.query) return badRequest('The request body must name a query.');
  if (body.options?.resultFormat && body.options.resultFormat !== 'objectArray')
    return badRequest(
      `resultFormat ${body.options.resultFormat} is not served by the simulator (objectArray only)`,
    );
  const parsed = parseGraphQuery(body.query);
  if ('error' in parsed) return badRequest(`Query is invalid: ${parsed.error}`);
  const scope = body.subscriptions?.map((s) => s.toLowerCase());
  const visible = all
    .filter((r) => r.readable)
    .map((r) => r.row)
    .filter((r) => !scope || scope.includes(String(r['subscriptionId']).toLowerCase()));
  const result = runGraphQuery(parsed, visible);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([body.query, scope ?? null]))
    .digest('hex')
    .slice(0, 16);
  const top = Math.min(body.options?.$top ?? DEFAULT_TOP, MAX_TOP);
  if (!Number.isInteger(top) || top < 1)
    return badRequest('$top must be a whole number from 1 to 1000.');
  let offset = body.options?.$skip ?? 0;
  if (body.options?.$skipToken) {
    const token = readToken(body.options.$skipToken);
    if (!token || token.query !== fingerprint)
      return badRequest('The $skipToken is not valid for this query and scope.');
    offset = token.offset;
  }
  const page = result.slice(offset, offset + top);
  const next = offset + page.length;
  return {
    status: 200,
    body: {
      totalRecords: result.length,
      count: page.length,
      data: page,
      facets: [],
      resultTruncated: 'false',
      ...(next < result.length
        ? { $skipToken: makeToken({ offset: next, query: fingerprint }) }
        : {}),
    },
  };
}

function badRequest(message: string): SimResponse {
  return {
    status: 400,
    body: { error: { code: 'BadRequest', message, details: [{ code: 'InvalidQuery', message }] } },
  };
}

function makeToken(t: { offset: number; query: string }): string {
  return Buffer.from(JSON.stringify(t)).toString('base64');
}

function readToken(text: string): { offset: number; query: string } | undefined {
  try {
    const t = JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as Record<string, unknown>;
    return typeof t['offset'] === 'number' && typeof t['query'] === 'string'
      ? { offset: t['offset'], query: t['query'] }
      : undefined;
  } catch {
    return undefined;
  }
}
