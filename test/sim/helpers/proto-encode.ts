// A protobuf encoder for tests, written the way Go's generated marshallers write Kubernetes objects
// (every non-pointer scalar, even zero; pointers only when set), from the simulator's schema.
import { MESSAGES } from '../../../src/sim/kube/proto/schema.js';

function varint(n: bigint): Buffer {
  let v = BigInt.asUintN(64, n);
  const out: number[] = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return Buffer.from(out);
}

function tag(field: number, wire: number): Buffer {
  return varint(BigInt((field << 3) | wire));
}

function bytesField(field: number, payload: Buffer): Buffer {
  return Buffer.concat([tag(field, 2), varint(BigInt(payload.length)), payload]);
}

function scalar(field: number, type: string, value: unknown): Buffer {
  switch (type) {
    case 'string':
      return bytesField(field, Buffer.from(typeof value === 'string' ? value : ''));
    case 'bytes':
      return bytesField(field, Buffer.from(typeof value === 'string' ? value : '', 'base64'));
    case 'bool':
      return Buffer.concat([tag(field, 0), varint(value ? 1n : 0n)]);
    default:
      return Buffer.concat([tag(field, 0), varint(BigInt(Math.trunc(Number(value ?? 0))))]);
  }
}

function special(type: string, value: unknown): Buffer | undefined {
  switch (type) {
    case 'meta.v1.Time':
    case 'meta.v1.MicroTime': {
      if (typeof value !== 'string') return Buffer.alloc(0);
      const ms = Date.parse(String(value));
      const micros = /\.(\d{6})Z$/.exec(String(value))?.[1];
      const parts = [scalar(1, 'int64', Math.floor(ms / 1000))];
      if (micros) parts.push(scalar(2, 'int32', Number(micros) * 1000));
      return Buffer.concat(parts);
    }
    case 'resource.Quantity':
      return scalar(1, 'string', value);
    case 'intstr.IntOrString':
      return typeof value === 'string'
        ? Buffer.concat([scalar(1, 'int64', 1), scalar(2, 'int32', 0), scalar(3, 'string', value)])
        : Buffer.concat([
            scalar(1, 'int64', 0),
            scalar(2, 'int32', value),
            scalar(3, 'string', ''),
          ]);
    case 'meta.v1.FieldsV1':
      return bytesField(1, Buffer.from(JSON.stringify(value)));
  }
  return undefined;
}

/** Encodes a JSON object as the message `name` (e.g. `apps.v1.Deployment`). */
export function encodeMessage(name: string, obj: Record<string, unknown>): Buffer {
  const schema = MESSAGES[name];
  if (!schema) throw new Error(`no message ${name}`);
  const parts: Buffer[] = [];
  for (const [num, json, type, flags] of schema) {
    const value = json === '' ? obj : obj[json];
    const isScalar = !type.includes('.');
    if (flags.includes('k')) {
      for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
        const val = isScalar ? scalar(2, type, v) : bytesField(2, encodeValue(type, v));
        parts.push(bytesField(num, Buffer.concat([scalar(1, 'string', k), val])));
      }
    } else if (flags.includes('r')) {
      for (const v of (value ?? []) as unknown[])
        parts.push(isScalar ? scalar(num, type, v) : bytesField(num, encodeValue(type, v)));
    } else if (isScalar) {
      if (value === undefined && flags.includes('p')) continue;
      parts.push(scalar(num, type, value));
    } else {
      if (value === undefined && (flags.includes('p') || json === '')) continue;
      if (json === '' && !schemaHasAny(type, obj)) continue;
      parts.push(bytesField(num, encodeValue(type, value ?? {})));
    }
  }
  return Buffer.concat(parts);
}

function schemaHasAny(type: string, obj: Record<string, unknown>): boolean {
  return (MESSAGES[type] ?? []).some(([, json]) => json !== '' && obj[json] !== undefined);
}

function encodeValue(type: string, value: unknown): Buffer {
  return special(type, value) ?? encodeMessage(type, (value ?? {}) as Record<string, unknown>);
}

/** `k8s\0` + runtime.Unknown{typeMeta, raw, contentEncoding "", contentType ""}, as client-go sends. */
export function k8sProtobuf(apiVersion: string, kind: string, raw: Buffer): Buffer {
  const typeMeta = Buffer.concat([scalar(1, 'string', apiVersion), scalar(2, 'string', kind)]);
  return Buffer.concat([
    Buffer.from('k8s\0', 'latin1'),
    bytesField(1, typeMeta),
    bytesField(2, raw),
    bytesField(3, Buffer.alloc(0)),
    bytesField(4, Buffer.alloc(0)),
  ]);
}
