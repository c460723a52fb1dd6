import type { KubeObject } from '../contracts.js';
import type { SimRequest, SimResponse } from '../http.js';
import type { KubeContext } from './context.js';
import type { Target } from './request.js';
import { R } from './resources.js';
import {
  type FieldSelector,
  type LabelSelector,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors.js';
import { ApiError, badRequest, notFound } from './status.js';
import { toTable, wantsTable } from './table.js';
import { apiVersionOf, objectKey } from './types.js';
import { watchResponse } from './watch.js';
import { listJson } from './list-json.js';
import { kubeStatus } from '../server.js';

/** Parsed `labelSelector`/`fieldSelector` of a request (400 when malformed). */
export function selectorsOf(
  req: SimRequest,
  kind: string,
): { labels: LabelSelector; fields: FieldSelector } {
  try {
    return {
      labels: parseLabelSelector(req.query.get('labelSelector') ?? ''),
      fields: parseFieldSelector(req.query.get('fieldSelector') ?? '', kind),
    };
  } catch (e) {
    throw badRequest((e as Error).message);
  }
}

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

function encodeContinue(rv: string, lastKey: string): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv: Number(rv), start: `${lastKey}\u0000` };
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeContinue(text: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as ContinueToken;
    if (t.v !== 'meta.k8s.io/v1' || typeof t.start !== 'string') throw new Error('bad');
    return t;
  } catch {
    throw badRequest(
      'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    );
  }
}

function keyOf(o: KubeObject): string {
  return objectKey(o.metadata.namespace, o.metadata.name);
}

/** First index whose key is >= start, in a key-sorted array. */
function lowerBound(items: readonly KubeObject[], start: string): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(items[mid]!) < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** GET of one object (or of its status subresource). */
export function getOne(ctx: KubeContext, req: SimRequest, target: Target): SimResponse {
  const obj = ctx.store.get(target.t, target.namespace, target.name!);
  if (!obj) throw notFound(target.t, target.name!);
  if (wantsTable(req) && !target.subresource) {
    return {
      status: 200,
      body: toTable(target.t.kind, [obj], ctx.clock.now(), {
        resourceVersion: obj.metadata.resourceVersion,
      }),
    };
  }
  return { status: 200, body: obj };
}

/** LIST with selectors and limit/continue paging, or WATCH when asked. */
export function listOrWatch(ctx: KubeContext, req: SimRequest, target: Target): SimResponse {
  const { t, namespace } = target;
  const sel = selectorsOf(req, t.kind);
  const watch = req.query.get('watch');
  if (watch === '1' || watch === 'true') return watchResponse(ctx, req, target, sel);
  let items: readonly KubeObject[];
  const byNode =
    t === R.pods ? sel.fields.find((f) => f.path === 'spec.nodeName' && !f.negate) : undefined;
  if (byNode) {
    items = ctx.store
      .podsOnNode(byNode.value)
      .filter((p) => !namespace || p.metadata.namespace === namespace)
      .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  } else {
    items = ctx.store.list(t, namespace);
  }
  const rv = ctx.store.currentVersion();
  const cont = req.query.get('continue');
  let start = 0;
  if (cont) {
    const token = decodeContinue(cont);
    start = lowerBound(items, token.start);
  }
  const limitText = req.query.get('limit');
  const limit = limitText ? Number(limitText) : 0;
  if (limitText && !(Number.isInteger(limit) && limit >= 0))
    throw badRequest(`invalid limit: ${limitText}`);
  const out: KubeObject[] = [];
  let i = start;
  for (; i < items.length; i++) {
    const o = items[i]!;
    if (!matchesLabels(sel.labels, o.metadata.labels) || !matchesFields(sel.fields, o)) continue;
    if (limit > 0 && out.length === limit) break;
    out.push(o);
  }
  const meta: Record<string, unknown> = { resourceVersion: rv };
  if (limit > 0 && i < items.length) {
    // Only a page boundary with items left: the API server emits continue when more may match.
    const rest = items
      .slice(i)
      .some((o) => matchesLabels(sel.labels, o.metadata.labels) && matchesFields(sel.fields, o));
    if (rest) {
      meta['continue'] = encodeContinue(rv, keyOf(out[out.length - 1]!));
      if (sel.labels.length === 0 && sel.fields.length === 0)
        meta['remainingItemCount'] = items.length - i;
    }
  }
  if (wantsTable(req)) return { status: 200, body: toTable(t.kind, out, ctx.clock.now(), meta) };
  const head = { kind: `${t.kind}List`, apiVersion: apiVersionOf(t), metadata: meta };
  return { status: 200, body: { ...head, items: out }, bodyJson: () => listJson(head, out) };
}

/** 405 for verbs a resource does not serve. */
export function methodNotSupported(t: Target): ApiError {
  return new ApiError(
    kubeStatus(
      405,
      'MethodNotAllowed',
      `the server does not allow this method on the requested resource`,
      {
        ...(t.t.group ? { group: t.t.group } : {}),
        kind: t.t.resource,
      },
    ),
  );
}
