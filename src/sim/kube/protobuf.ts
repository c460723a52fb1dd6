/**
 * Just enough protobuf to read what kubectl sends as `application/vnd.kubernetes.protobuf`:
 * the `k8s\0` magic, a runtime.Unknown envelope, and string fields of small messages.
 */

/** Fields of one message: field number -> raw values (length-delimited as Buffer, varints as number). */
export type ProtoFields = Map<number, Array<Buffer | number>>;

function varint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  let p = pos;
  for (;;) {
    if (p >= buf.length) throw new Error('truncated varint');
    const b = buf[p++]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, p];
    shift += 7;
  }
}

/** Decodes one protobuf message into its fields (no schema needed). */
export function decodeMessage(buf: Buffer): ProtoFields {
  const fields: ProtoFields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = varint(buf, pos);
    pos = p1;
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let value: Buffer | number;
    if (wire === 0) {
      [value, pos] = varint(buf, pos);
    } else if (wire === 2) {
      const [len, p2] = varint(buf, pos);
      value = buf.subarray(p2, p2 + len);
      pos = p2 + len;
    } else if (wire === 1) {
      value = buf.subarray(pos, pos + 8);
      pos += 8;
    } else if (wire === 5) {
      value = buf.subarray(pos, pos + 4);
      pos += 4;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
    const list = fields.get(field) ?? [];
    list.push(value);
    fields.set(field, list);
  }
  return fields;
}

/** A string field of a decoded message ('' when absent). */
export function str(fields: ProtoFields | undefined, n: number): string {
  const v = fields?.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : '';
}

/** A nested message field of a decoded message. */
export function sub(fields: ProtoFields | undefined, n: number): ProtoFields | undefined {
  const v = fields?.get(n)?.[0];
  return Buffer.isBuffer(v) ? decodeMessage(v) : undefined;
}

/** Unwraps `k8s\0` + runtime.Unknown: the kind and the raw inner message. */
export function unwrapUnknown(
  body: Buffer,
): { apiVersion: string; kind: string; raw: Buffer } | undefined {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0') return undefined;
  const unknown = decodeMessage(body.subarray(4));
  const typeMeta = sub(unknown, 1);
  const raw = unknown.get(2)?.[0];
  return {
    apiVersion: str(typeMeta, 1),
    kind: str(typeMeta, 2),
    raw: Buffer.isBuffer(raw) ? raw : Buffer.alloc(0),
  };
}
