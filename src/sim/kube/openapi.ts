// OpenAPI v3 of the served group versions: a schema for every type a kind reaches (fields, types
// and descriptions from the Kubernetes API definitions, as `kubectl explain` reads them), and the
// write operations' parameters that tell kubectl the server validates fields and dry-runs.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Handler } from '../http.js';
import { PACKED_DOCS } from './proto/docs.js';
import { MESSAGES } from './proto/schema.js';
import { RESOURCES } from './resources.js';
import { apiVersionOf } from './types.js';

type Docs = Record<string, { doc: string; fields: Record<string, string> }>;
let docs: Docs | undefined;
/** The descriptions, unpacked the first time a document is asked for. */
function descriptions(): Docs {
  docs ??= JSON.parse(gunzipSync(Buffer.from(PACKED_DOCS, 'base64')).toString('utf8')) as Docs;
  return docs;
}

/** The OpenAPI name of a message: `apps.v1.Deployment` -> `io.k8s.api.apps.v1.Deployment`. */
function schemaName(message: string): string {
  if (message.startsWith('meta.v1.')) return `io.k8s.apimachinery.pkg.apis.${message}`;
  if (/^(resource|intstr)\./.test(message))
    return `io.k8s.apimachinery.pkg.${message.startsWith('resource') ? 'api' : 'util'}.${message}`;
  if (message.startsWith('runtime.')) return `io.k8s.apimachinery.pkg.${message}`;
  return `io.k8s.api.${message}`;
}

const SCALAR: Record<string, Record<string, unknown>> = {
  string: { type: 'string', default: '' },
  bytes: { type: 'string', format: 'byte' },
  bool: { type: 'boolean', default: false },
  int32: { type: 'integer', format: 'int32', default: 0 },
  int64: { type: 'integer', format: 'int64', default: 0 },
  double: { type: 'number', format: 'double', default: 0 },
};

/** The schemas of the types the simulator converts itself (their JSON is not an object of fields). */
const SPECIAL: Record<string, Record<string, unknown>> = {
  'meta.v1.Time': { type: 'string', format: 'date-time' },
  'meta.v1.MicroTime': { type: 'string', format: 'date-time' },
  // As the API server publishes them in v3: a oneOf without a type, which kubectl shows by name.
  'resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
  'intstr.IntOrString': {
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  'meta.v1.FieldsV1': { type: 'object' },
  'runtime.RawExtension': { type: 'object' },
  'authentication.v1.ExtraValue': { type: 'array', items: { type: 'string', default: '' } },
  'authorization.v1.ExtraValue': { type: 'array', items: { type: 'string', default: '' } },
};

function typeSchema(type: string, into: Set<string>): Record<string, unknown> {
  const scalar = SCALAR[type];
  if (scalar) return { ...scalar };
  into.add(type);
  return { allOf: [{ $ref: `#/components/schemas/${schemaName(type)}` }] };
}

/** The schema of one message, with its fields (inlined fields merged in); adds the types it uses. */
function messageSchema(message: string, into: Set<string>): Record<string, unknown> {
  if (SPECIAL[message])
    return { ...SPECIAL[message], description: descriptions()[message]?.doc ?? '' };
  const properties: Record<string, unknown> = {};
  const fill = (name: string): void => {
    const fieldDocs = descriptions()[name]?.fields ?? {};
    for (const [, json, type, flags] of MESSAGES[name] ?? []) {
      if (flags.includes('i')) {
        fill(type);
        continue;
      }
      const item = typeSchema(type, into);
      let schema: Record<string, unknown>;
      if (flags.includes('k')) schema = { type: 'object', additionalProperties: item };
      else if (flags.includes('r')) schema = { type: 'array', items: item };
      else schema = item;
      properties[json] = { ...schema, description: fieldDocs[json] ?? '' };
    }
  };
  fill(message);
  return { description: descriptions()[message]?.doc ?? '', type: 'object', properties };
}

const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation', 'force', 'pretty'].map(
  (name) => ({
    name,
    in: 'query',
    schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
  }),
);

/** The OpenAPI v3 document of one group version. */
function groupVersionDoc(gv: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const pending = new Set<string>();
  const typeMeta = descriptions()['meta.v1.TypeMeta']?.fields ?? {};
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
    const message = `${r.group.split('.')[0] || 'core'}.${r.version}.${r.kind}`;
    if (!MESSAGES[message]) continue;
    const schema = messageSchema(message, pending);
    const properties = schema['properties'] as Record<string, unknown>;
    schema['properties'] = {
      apiVersion: { type: 'string', description: typeMeta['apiVersion'] ?? '' },
      kind: { type: 'string', description: typeMeta['kind'] ?? '' },
      ...properties,
    };
    schema['x-kubernetes-group-version-kind'] = [gvk];
    schemas[schemaName(message)] = schema;
  }
  // Every type the kinds reach, once.
  for (const type of pending) {
    const name = schemaName(type);
    if (!(name in schemas)) schemas[name] = messageSchema(type, pending);
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths,
    components: { schemas },
  };
}

/**
 * Serves `/openapi/v3` and one document per group version: `kubectl explain` reads the schemas,
 * and kubectl apply/create check the write parameters before sending fieldValidation and dryRun.
 */
export function registerOpenApi(on: (method: string, path: string, h: Handler) => void): void {
  const gvs = [...new Set(RESOURCES.map((r) => apiVersionOf(r)))];
  const cache = new Map<string, { doc: Record<string, unknown>; hash: string }>();
  const built = (gv: string): { doc: Record<string, unknown>; hash: string } => {
    let entry = cache.get(gv);
    if (!entry) {
      const doc = groupVersionDoc(gv);
      const hash = createHash('sha512')
        .update(JSON.stringify(doc))
        .digest('hex')
        .slice(0, 128)
        .toUpperCase();
      cache.set(gv, (entry = { doc, hash }));
    }
    return entry;
  };
  const key = (gv: string): string => (gv.includes('/') ? `apis/${gv}` : `api/${gv}`);
  on('GET', '/openapi/v3', () => ({
    status: 200,
    body: {
      paths: Object.fromEntries(
        gvs.map((gv) => [
          key(gv),
          { serverRelativeURL: `/openapi/v3/${key(gv)}?hash=${built(gv).hash}` },
        ]),
      ),
    },
  }));
  for (const gv of gvs)
    on('GET', `/openapi/v3/${key(gv)}`, () => ({ status: 200, body: built(gv).doc }));
}
