import type { RequestContext } from '@kubernetes/client-node';
import { WireRefusal } from '../model/errors.js';
import type { WireMode } from '../model/session.js';

/** POSTs that only ask a question (access reviews, whoami), as harmless as a GET. */
const QUESTION =
  /\/(selfsubjectaccessreviews|selfsubjectrulesreviews|subjectaccessreviews|selfsubjectreviews)$/;

/** Whether a request only reads: GET, HEAD, or an access-review question. */
export function onlyReads(method: string, path: string): boolean {
  return method === 'GET' || method === 'HEAD' || (method === 'POST' && QUESTION.test(path));
}

/**
 * The guard every Kubernetes request passes before it leaves: in `--read-only` a write is refused
 * (thrown, never sent); in `--dry-run` it goes as a server-side dry run (`dryRun=All`, and in an
 * eviction's DeleteOptions too, which the API server requires to agree with the query).
 */
export function guardKubeRequest(request: RequestContext, mode: WireMode): void {
  const method = request.getHttpMethod().toString().toUpperCase();
  const url = new URL(request.getUrl());
  if (onlyReads(method, url.pathname)) return;
  if (mode.readOnly) throw new WireRefusal('read-only', method, url.pathname);
  if (!mode.dryRun) return;
  request.setQueryParam('dryRun', 'All');
  if (method === 'POST' && url.pathname.endsWith('/eviction')) dryRunEviction(request);
}

function dryRunEviction(request: RequestContext): void {
  const body = request.getBody();
  if (typeof body !== 'string') return;
  const eviction = JSON.parse(body) as { deleteOptions?: Record<string, unknown> };
  eviction.deleteOptions = { ...eviction.deleteOptions, dryRun: ['All'] };
  request.setBody(JSON.stringify(eviction));
}
