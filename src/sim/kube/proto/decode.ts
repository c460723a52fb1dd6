/**
 * Kubernetes protobuf bodies (`application/vnd.kubernetes.protobuf`) to the JSON objects the rest of
 * the API server works with: the `k8s\0` + runtime.Unknown envelope, then the typed message by the
 * field numbers of the API definitions (schema.ts). The JSON follows the Go types' rules: a zero
 * scalar that is not a pointer was never set (Go writes it anyway), a message present is `{}` even
 * when empty, times become RFC 3339 strings, quantities strings, int-or-string either.
 */
import { MESSAGES } from './schema.js';
import type { ProtoField } from './types.js';
import { K8S_MAGIC, WireError, readFields, readPacked, type WireValue } from './wire.js';

export { WireError } from './wire.js';

/** The message of each served apiVersion's kinds: `apps/v1` -> `apps.v1`. */
const PACKAGE_OF: Record<string, string> = {
  v1: 'core.v1',
  'apps/v1': 'apps.v1',
  'batch/v1': 'batch.v1',
  'policy/v1': 'policy.v1',
  'rbac.authorization.k8s.io/v1': 'rbac.v1',
  'networking.k8s.io/v1': 'networking.v1',
  'authorization.k8s.io/v1': 'authorization.v1',
  'authentication.k8s.io/v1': 'authentication.v1',
  'autoscaling/v1': 'autoscaling.v1',
  'meta.k8s.io/v1': 'meta.v1',
};

/** The message name for an apiVersion and kind, if the simulator knows it. */
export function messageOf(apiVersion: string, kind: string): string | undefined {
  // DeleteOptions travels as `v1` (and every group version) but is one meta.k8s.io type.
  if (kind === 'DeleteOptions') return 'meta.v1.DeleteOptions';
  const pkg = PACKAGE_OF[apiVersion];
  const name = pkg ? `${pkg}.${kind}` : undefined;
  return name && MESSAGES[name] ? name : undefined;
}

/** Unwraps `k8s\0` + runtime.Unknown: the type it names and the encoded object. */
export function unwrapEnvelope(body: Buffer): { apiVersion: string; kind: string; raw: Buffer } {
  if (body.length < 4 || !body.subarray(0, 4).equals(K8S_MAGIC))
    throw new WireError('the body does not start with the Kubernetes protobuf prefix');
  const unknown = readFields(body.subarray(4));
  const typeMeta = bytesOf(unknown.get(1)?.[0]);
  const meta = typeMeta ? readFields(typeMeta) : new Map<number, WireValue[]>();
  return {
    apiVersion: stringOf(meta.get(1)?.[0]),
    kind: stringOf(meta.get(2)?.[0]),
    raw: bytesOf(unknown.get(2)?.[0]) ?? Buffer.alloc(0),
  };
}

/** Decodes a whole body to a JSON object with its apiVersion and kind. */
export function decodeBody(body: Buffer): Record<string, unknown> {
  const { apiVersion, kind, raw } = unwrapEnvelope(body);
  const message = messageOf(apiVersion, kind);
  if (!message) throw new WireError(`no protobuf type known for ${apiVersion} ${kind}`);
  return { apiVersion, kind, ...decodeMessage(message, raw) };
}

/** Decodes one message by name (e.g. `apps.v1.Deployment`) to its JSON form. */
export function decodeMessage(name: string, buf: Buffer): Record<string, unknown> {
  const schema = MESSAGES[name];
  if (!schema) throw new WireError(`no protobuf type ${name}`);
  const wire = readFields(buf);
  const out: Record<string, unknown> = {};
  for (const field of schema) {
    const values = wire.get(field[0]);
    if (!values) continue;
    const [, json, type, flags] = field;
    if (flags.includes('k')) {
      out[json] = decodeMap(type, values);
    } else if (flags.includes('r')) {
      out[json] = decodeRepeated(type, values);
    } else {
      const value = decodeSingle(field, values[values.length - 1]!);
      if (value === undefined || value === null) continue;
      if (flags.includes('i') && isObject(value)) Object.assign(out, value);
      else out[json] = value;
    }
  }
  return out;
}

function decodeSingle(field: ProtoField, v: WireValue): unknown {
  const [, , type, flags] = field;
  const value = scalarOrMessage(type, v);
  // Go writes every non-pointer field, set or not; JSON omits the zero ones.
  if (!flags.includes('p') && (value === '' || value === 0 || value === false)) return undefined;
  return value;
}

function decodeRepeated(type: string, values: WireValue[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    if (v.wire === 2 && isVarintType(type)) {
      for (const n of readPacked(v.value)) out.push(scalarOrMessage(type, { wire: 0, value: n }));
    } else {
      out.push(scalarOrMessage(type, v));
    }
  }
  return out;
}

function decodeMap(valueType: string, entries: WireValue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of entries) {
    const entry = readFields(bytesOf(e) ?? Buffer.alloc(0));
    const key = stringOf(entry.get(1)?.[0]);
    const v = entry.get(2)?.[0];
    out[key] = v ? scalarOrMessage(valueType, v) : zeroOf(valueType);
  }
  return out;
}

function isVarintType(type: string): boolean {
  return ['int32', 'int64', 'uint32', 'uint64', 'bool'].includes(type);
}

function zeroOf(type: string): unknown {
  if (type === 'string' || type === 'bytes' || type === 'resource.Quantity') return '';
  if (isVarintType(type)) return type === 'bool' ? false : 0;
  return {};
}

function scalarOrMessage(type: string, v: WireValue): unknown {
  switch (type) {
    case 'string':
      return stringOf(v);
    case 'bytes':
      return (bytesOf(v) ?? Buffer.alloc(0)).toString('base64');
    case 'bool':
      return v.wire === 0 ? v.value !== 0n : false;
    case 'int32':
      return v.wire === 0 ? Number(BigInt.asIntN(32, v.value)) : 0;
    case 'int64':
      return v.wire === 0 ? Number(BigInt.asIntN(64, v.value)) : 0;
    case 'uint32':
    case 'uint64':
      return v.wire === 0 ? Number(v.value) : 0;
    case 'double':
      return v.wire === 1 ? v.value.readDoubleLE(0) : 0;
    case 'float':
      return v.wire === 5 ? v.value.readFloatLE(0) : 0;
  }
  const buf = bytesOf(v);
  if (!buf) throw new WireError(`expected a ${type} message, found wire type ${v.wire}`);
  return SPECIAL.has(type) ? special(type, buf) : decodeMessage(type, buf);
}

const SPECIAL = new Set([
  'meta.v1.Time',
  'meta.v1.MicroTime',
  'resource.Quantity',
  'intstr.IntOrString',
  'meta.v1.FieldsV1',
  'runtime.RawExtension',
  'authentication.v1.ExtraValue',
  'authorization.v1.ExtraValue',
]);

/** The types whose JSON form is not an object of their fields. */
function special(type: string, buf: Buffer): unknown {
  switch (type) {
    case 'meta.v1.Time':
    case 'meta.v1.MicroTime': {
      const f = readFields(buf);
      const seconds = varintOf(f.get(1)?.[0]);
      const nanos = varintOf(f.get(2)?.[0]);
      // The zero time travels as an empty message; JSON writes it as null (omitted here).
      if (seconds === 0n && nanos === 0n) return null;
      const ms = Number(BigInt.asIntN(64, seconds)) * 1000;
      const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, '');
      if (type === 'meta.v1.Time') return `${iso}Z`;
      return `${iso}.${String(Math.floor(Number(nanos) / 1000)).padStart(6, '0')}Z`;
    }
    case 'resource.Quantity':
      return stringOf(readFields(buf).get(1)?.[0]);
    case 'intstr.IntOrString': {
      const f = readFields(buf);
      return varintOf(f.get(1)?.[0]) === 1n
        ? stringOf(f.get(3)?.[0])
        : Number(BigInt.asIntN(32, varintOf(f.get(2)?.[0])));
    }
    case 'meta.v1.FieldsV1':
    case 'runtime.RawExtension': {
      const raw = bytesOf(readFields(buf).get(1)?.[0]);
      if (!raw || raw.length === 0) return undefined;
      try {
        return JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        throw new WireError(`${type} does not hold JSON`);
      }
    }
    case 'authentication.v1.ExtraValue':
    case 'authorization.v1.ExtraValue':
      // A named []string: a plain list in JSON.
      return (readFields(buf).get(1) ?? []).map(stringOf);
  }
  return undefined;
}

function bytesOf(v: WireValue | undefined): Buffer | undefined {
  return v?.wire === 2 ? v.value : undefined;
}

function stringOf(v: WireValue | undefined): string {
  return v?.wire === 2 ? v.value.toString('utf8') : '';
}

function varintOf(v: WireValue | undefined): bigint {
  return v?.wire === 0 ? v.value : 0n;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
