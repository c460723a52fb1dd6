// Server-side field validation (`fieldValidation=Strict|Warn|Ignore`, what kubectl sends since
// 1.27): fields the kind's schema does not declare are refused with the API server's strict
// decoding error, or reported as warnings.
import type { KubeObject } from '../contracts.js';
import type { SimRequest } from '../http.js';
import { kubeStatus } from '../server.js';
import { MESSAGES } from './proto/schema.js';
import { ApiError, badRequest } from './status.js';
import { isRecord, type ResourceType } from './types.js';

/** Types whose JSON is not an object of declared fields: anything goes inside. */
const OPAQUE = new Set(['meta.v1.FieldsV1', 'runtime.RawExtension']);
const LEAF = new Set([
  'meta.v1.Time',
  'meta.v1.MicroTime',
  'resource.Quantity',
  'intstr.IntOrString',
]);

/** The JSON names a message declares, with each field's type and shape. */
function declared(message: string): Map<string, { type: string; flags: string }> {
  const out = new Map<string, { type: string; flags: string }>();
  for (const [, json, type, flags] of MESSAGES[message] ?? []) {
    if (flags.includes('i')) for (const [k, v] of declared(type)) out.set(k, v);
    else out.set(json, { type, flags });
  }
  return out;
}

function unknownIn(message: string, value: unknown, path: string, out: string[]): void {
  if (OPAQUE.has(message) || LEAF.has(message) || !MESSAGES[message] || !isRecord(value)) return;
  const fields = declared(message);
  for (const [k, v] of Object.entries(value)) {
    const here = path ? `${path}.${k}` : k;
    const f = fields.get(k);
    if (!f) {
      out.push(here);
      continue;
    }
    if (f.flags.includes('k') && isRecord(v))
      for (const [mk, mv] of Object.entries(v)) unknownIn(f.type, mv, `${here}.${mk}`, out);
    else if (f.flags.includes('r') && Array.isArray(v))
      v.forEach((item, i) => unknownIn(f.type, item, `${here}[${i}]`, out));
    else unknownIn(f.type, v, here, out);
  }
}

/** The fields of an object its kind does not declare, as paths (`spec.replica`). */
export function unknownFields(t: ResourceType, obj: KubeObject): string[] {
  const message = `${t.group.split('.')[0] || 'core'}.${t.version}.${t.kind}`;
  if (!MESSAGES[message]) return [];
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  const out: string[] = [];
  unknownIn(message, rest, '', out);
  return out;
}

/**
 * Applies the request's fieldValidation to an object: Strict (kubectl's default) refuses unknown
 * fields with 400, Warn returns them as warnings, Ignore (or none given) says nothing.
 */
export function validateFields(req: SimRequest, t: ResourceType, obj: KubeObject): string[] {
  const mode = req.query.get('fieldValidation') ?? 'Ignore';
  if (!['Strict', 'Warn', 'Ignore'].includes(mode))
    throw badRequest(
      `fieldValidation: Unsupported value: "${mode}": supported values: "Ignore", "Strict", "Warn"`,
    );
  if (mode === 'Ignore') return [];
  const unknown = unknownFields(t, obj).map((f) => `unknown field "${f}"`);
  if (unknown.length === 0 || mode === 'Warn') return unknown;
  throw new ApiError(
    kubeStatus(
      400,
      'BadRequest',
      `${t.kind} in version "${t.version}" cannot be handled as a ${t.kind}: strict decoding error: ${unknown.join(', ')}`,
    ),
  );
}

/** The `Warning` header value of field warnings (RFC 7234 code 299, as the API server sends them). */
export function warningHeader(warnings: string[]): Record<string, string> {
  return warnings.length
    ? { warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ') }
    : {};
}
