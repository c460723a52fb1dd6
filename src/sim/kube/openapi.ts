import { createHash } from 'node:crypto';
import type { Handler } from '../http.js';
import { RESOURCES } from './resources.js';
import { apiVersionOf } from './types.js';

const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'].map(
  (name) => ({
    name,
    in: 'query',
    schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
  }),
);

/** The OpenAPI v3 document of one group version: only what kubectl reads from it. */
function groupVersionDoc(gv: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const r of RESOURCES.filter((x) => apiVersionOf(x) === gv)) {
    const base = r.group ? `/apis/${gv}` : `/api/${gv}`;
    const path = r.namespaced
      ? `${base}/namespaces/{namespace}/${r.resource}/{name}`
      : `${base}/${r.resource}/{name}`;
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const op = (verb: string): Record<string, unknown> => ({
      operationId: `${verb}${r.kind}`,
      parameters: WRITE_PARAMS,
      responses: { '200': { description: 'OK' } },
      'x-kubernetes-action': verb,
      'x-kubernetes-group-version-kind': gvk,
    });
    paths[path] = { patch: op('patch'), put: op('put') };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths,
    components: { schemas: {} },
  };
}

/**
 * Serves `/openapi/v3` and one document per group version. kubectl apply asks it whether the
 * server supports `fieldValidation` and `dryRun`; without it kubectl refuses to apply at all.
 */
export function registerOpenApi(on: (method: string, path: string, h: Handler) => void): void {
  const gvs = [...new Set(RESOURCES.map((r) => apiVersionOf(r)))];
  const docs = new Map(gvs.map((gv) => [gv, groupVersionDoc(gv)]));
  const hash = (gv: string): string =>
    createHash('sha512')
      .update(JSON.stringify(docs.get(gv)))
      .digest('hex')
      .slice(0, 128)
      .toUpperCase();
  const key = (gv: string): string => (gv.includes('/') ? `apis/${gv}` : `api/${gv}`);
  on('GET', '/openapi/v3', () => ({
    status: 200,
    body: {
      paths: Object.fromEntries(
        gvs.map((gv) => [
          key(gv),
          { serverRelativeURL: `/openapi/v3/${key(gv)}?hash=${hash(gv)}` },
        ]),
      ),
    },
  }));
  for (const gv of gvs) {
    on('GET', `/openapi/v3/${key(gv)}`, () => ({ status: 200, body: docs.get(gv) }));
  }
}
