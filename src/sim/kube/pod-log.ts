/** GET pods/<name>/log: what a modelled container printed (others print nothing), as text. */
import type { SimResponse } from '../http.js';
import type { KubeContext } from './context.js';
import type { Target } from './request.js';
import { R } from './resources.js';
import { notFound } from './status.js';

export function podLog(ctx: KubeContext, target: Target): SimResponse {
  const pod = ctx.store.get(R.pods, target.namespace, target.name ?? '');
  if (!pod) throw notFound(R.pods, target.name ?? '');
  const lines = ctx.pods.logs.get(pod.metadata.uid ?? '') ?? [];
  return {
    status: 200,
    headers: { 'content-type': 'text/plain' },
    raw: lines.map((l) => `${l}\n`).join(''),
  };
}
