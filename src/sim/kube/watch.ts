import type { KubeObject } from '../contracts.js';
import type { SimRequest, SimResponse } from '../http.js';
import type { KubeContext } from './context.js';
import type { Target } from './request.js';
import { toTable, wantsTable } from './table.js';
import {
  type FieldSelector,
  type LabelSelector,
  matchesFields,
  matchesLabels,
} from './selectors.js';

/**
 * A watch: JSON lines of `{"type","object"}`. Without a resourceVersion (or "0") it starts with
 * ADDED for every current object, like the API server's "get state and start at most recent".
 */
export function watchResponse(
  ctx: KubeContext,
  req: SimRequest,
  target: Target,
  sel: { labels: LabelSelector; fields: FieldSelector },
): SimResponse {
  const { t, namespace, name } = target;
  const fieldName = req.query.get('fieldSelector')?.match(/metadata\.name=([^,]+)/)?.[1];
  const only = name ?? fieldName;
  const matches = (o: KubeObject): boolean =>
    (!namespace || o.metadata.namespace === namespace) &&
    (!only || o.metadata.name === only) &&
    matchesLabels(sel.labels, o.metadata.labels) &&
    matchesFields(sel.fields, o);
  const rv = req.query.get('resourceVersion');
  const timeout = Number(req.query.get('timeoutSeconds') ?? '0');
  return {
    status: 200,
    headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    stream: (sink) => {
      const table = wantsTable(req);
      const line = (type: string, object: KubeObject): void => {
        const out = table ? toTable(t.kind, [object], ctx.clock.now(), {}) : object;
        sink.write(`${JSON.stringify({ type, object: out })}\n`);
      };
      if (!rv || rv === '0')
        for (const o of ctx.store.list(t, namespace)) if (matches(o)) line('ADDED', o);
      const unsubscribe = ctx.store.subscribe((e) => {
        if (e.resource === t && matches(e.object)) line(e.type, e.object);
      });
      let timer: NodeJS.Timeout | undefined;
      if (timeout > 0) {
        timer = setTimeout(() => sink.end(), timeout * 1000);
        timer.unref();
      }
      sink.onClose(() => {
        unsubscribe();
        if (timer) clearTimeout(timer);
      });
    },
  };
}
