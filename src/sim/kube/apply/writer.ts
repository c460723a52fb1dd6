// The field manager of a request, as the API server names it: the `fieldManager` parameter, else
// the user agent's product name (`kubectl/v1.32.4 (linux/amd64) …` -> `kubectl`).
import type { SimRequest } from '../../http.js';
import { kubeStatus } from '../../server.js';
import { ApiError } from '../status.js';
import { type ResourceType, apiVersionOf, text } from '../types.js';
import type { Writer } from './managed-fields.js';

function invalidOptions(kind: string, causes: { field: string; message: string }[]): ApiError {
  return new ApiError(
    kubeStatus(
      422,
      'Invalid',
      `${kind}.meta.k8s.io "" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`,
      {
        group: 'meta.k8s.io',
        kind,
        causes: causes.map((c) => ({
          reason: c.message.startsWith('Required') ? 'FieldValueRequired' : 'FieldValueForbidden',
          ...c,
        })),
      },
    ),
  );
}

/** The writer of a write request; apply requires a named manager and only apply may force. */
export function writerOf(
  req: SimRequest,
  t: ResourceType,
  now: string,
  subresource?: string,
): Writer {
  const apply = text(req.headers['content-type']).startsWith('application/apply-patch');
  const given = req.query.get('fieldManager') ?? '';
  if (req.method === 'PATCH' && apply && !given)
    throw invalidOptions('PatchOptions', [
      { field: 'fieldManager', message: 'Required value: is required for apply patch' },
    ]);
  if (req.method === 'PATCH' && !apply && req.query.has('force'))
    throw invalidOptions('PatchOptions', [
      { field: 'force', message: 'Forbidden: may not be specified for non-apply patch' },
    ]);
  const agent = text(req.headers['user-agent']).split('/')[0] ?? '';
  const w: Writer = {
    manager: (given || agent).slice(0, 128),
    apiVersion: apiVersionOf(t),
    time: now,
  };
  if (subresource) w.subresource = subresource;
  return w;
}
