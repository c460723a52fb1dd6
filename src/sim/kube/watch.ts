import type { KubeObject } from '../contracts.js';
import type { SimRequest, SimResponse } from '../http.js';
import type { KubeContext } from './context.js';
import type { Target } from './request.js';
import type { StoreEvent } from './store.js';
import { toTable, wantsTable } from './table.js';
import { apiVersionOf } from './types.js';
import {
  type FieldSelector,
  type LabelSelector,
  matchesFields,
  matchesLabels,
} from './selectors.js';
import { badRequest } from './status.js';

/** How often a watch that allows bookmarks gets one, in simulated milliseconds (the API server's minute). */
const BOOKMARK_EVERY_MS = 60_000;

type Event = { type: string; object: KubeObject };

/**
 * What one store change looks like to a watch with these selectors: an object that starts to match
 * is ADDED, one that stops matching is DELETED (its previous version, at the new resourceVersion),
 * as the API server's watch cache sends them.
 */
export function eventFor(e: StoreEvent, matches: (o: KubeObject) => boolean): Event | undefined {
  const now = matches(e.object);
  if (e.type !== 'MODIFIED' || !e.old) return now ? { type: e.type, object: e.object } : undefined;
  const was = matches(e.old);
  if (was && now) return { type: 'MODIFIED', object: e.object };
  if (now) return { type: 'ADDED', object: e.object };
  if (was)
    return {
      type: 'DELETED',
      object: { ...e.old, metadata: { ...e.old.metadata, resourceVersion: String(e.rv) } },
    };
  return undefined;
}

function expired(asked: number, oldest: number): Event {
  return {
    type: 'ERROR',
    object: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: ${asked} (${oldest})`,
      reason: 'Expired',
      code: 410,
    } as unknown as KubeObject,
  };
}

/**
 * A watch: JSON lines of `{"type","object"}`. Without a resourceVersion (or "0") it starts with
 * ADDED for every current object; with one, it replays what changed since from the store's
 * bounded history, or sends 410 Expired when that is no longer remembered. Bookmarks when allowed,
 * and the initial-events-end bookmark for `sendInitialEvents=true`.
 */
export function watchResponse(
  ctx: KubeContext,
  req: SimRequest,
  target: Target,
  sel: { labels: LabelSelector; fields: FieldSelector },
): SimResponse {
  const { t, namespace, name } = target;
  const q = req.query;
  const fieldName = q.get('fieldSelector')?.match(/metadata\.name=([^,]+)/)?.[1];
  const only = name ?? fieldName;
  const matches = (o: KubeObject): boolean =>
    (!namespace || o.metadata.namespace === namespace) &&
    (!only || o.metadata.name === only) &&
    matchesLabels(sel.labels, o.metadata.labels) &&
    matchesFields(sel.fields, o);
  const rvText = q.get('resourceVersion') ?? '';
  if (rvText && !/^\d+$/.test(rvText))
    throw badRequest(
      `resourceVersion: Invalid value: "${rvText}": must be a valid resourceVersion`,
    );
  const bookmarks = q.get('allowWatchBookmarks') === 'true';
  const initial = q.get('sendInitialEvents') === 'true';
  if (initial && (!bookmarks || q.get('resourceVersionMatch') !== 'NotOlderThan'))
    throw badRequest(
      'sendInitialEvents is forbidden for watch unless allowWatchBookmarks=true and resourceVersionMatch=NotOlderThan',
    );
  const timeout = Number(q.get('timeoutSeconds') ?? '0');
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    stream: (sink) => {
      const table = wantsTable(req);
      const line = (e: Event): void => {
        const out =
          table && e.type !== 'ERROR' && e.type !== 'BOOKMARK'
            ? toTable(t.kind, [e.object], ctx.clock.now(), {})
            : e.object;
        sink.write(`${JSON.stringify({ type: e.type, object: out })}\n`);
      };
      const bookmark = (annotations?: Record<string, string>): void => {
        if (table) return;
        const metadata = {
          resourceVersion: ctx.store.currentVersion(),
          ...(annotations ? { annotations } : {}),
        };
        const object = { apiVersion: apiVersionOf(t), kind: t.kind, metadata };
        line({ type: 'BOOKMARK', object: object as unknown as KubeObject });
      };
      const forward = (e: StoreEvent): void => {
        if (e.resource !== t) return;
        const out = eventFor(e, matches);
        if (out) line(out);
      };
      if (!rvText || rvText === '0' || initial) {
        for (const o of ctx.store.list(t, namespace))
          if (matches(o)) line({ type: 'ADDED', object: o });
        if (initial) bookmark({ 'k8s.io/initial-events-end': 'true' });
      } else {
        const since = ctx.store.changesSince(Number(rvText));
        if ('expired' in since) {
          // The API server starts the watch and ends it with the error, as client-go expects.
          line(expired(Number(rvText), since.expired));
          sink.end();
          return;
        }
        for (const e of since) forward(e);
      }
      const unsubscribe = ctx.store.subscribe(forward);
      const stopBookmarks = bookmarks ? repeat(ctx, () => bookmark()) : () => undefined;
      let timer: NodeJS.Timeout | undefined;
      if (timeout > 0) {
        timer = setTimeout(() => sink.end(), timeout * 1000);
        timer.unref();
      }
      sink.onClose(() => {
        unsubscribe();
        stopBookmarks();
        if (timer) clearTimeout(timer);
      });
    },
  };
}

/** Runs `fn` every bookmark period until the returned function is called. */
function repeat(ctx: KubeContext, fn: () => void): () => void {
  let cancel = ctx.clock.after(BOOKMARK_EVERY_MS, function tick() {
    fn();
    cancel = ctx.clock.after(BOOKMARK_EVERY_MS, tick);
  });
  return () => cancel();
}
