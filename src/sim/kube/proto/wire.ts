/**
 * The protobuf wire format, read without a schema: a message is a list of (field number, wire
 * type, value). Varints are kept as bigint so that 64-bit and negative values survive.
 */

/** One field occurrence: varint (wire 0), 64-bit (1), length-delimited (2) or 32-bit (5). */
export type WireValue =
  | { wire: 0; value: bigint }
  | { wire: 1; value: Buffer }
  | { wire: 2; value: Buffer }
  | { wire: 5; value: Buffer };

/** A malformed protobuf body. */
export class WireError extends Error {}

/** Reads a varint at `pos`: its value and the position after it. */
export function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  let p = pos;
  for (;;) {
    if (p >= buf.length) throw new WireError('truncated varint');
    const b = buf[p++]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, p];
    shift += 7n;
    if (shift > 70n) throw new WireError('varint too long');
  }
}

/** Splits a message into its fields, in order: field number -> occurrences. */
export function readFields(buf: Buffer): Map<number, WireValue[]> {
  const fields = new Map<number, WireValue[]>();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, afterTag] = readVarint(buf, pos);
    pos = afterTag;
    const field = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    let v: WireValue;
    if (wire === 0) {
      const [value, next] = readVarint(buf, pos);
      v = { wire, value };
      pos = next;
    } else if (wire === 2) {
      const [len, next] = readVarint(buf, pos);
      const end = next + Number(len);
      if (end > buf.length) throw new WireError(`field ${field} runs past the end of the message`);
      v = { wire, value: buf.subarray(next, end) };
      pos = end;
    } else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      if (pos + size > buf.length) throw new WireError(`field ${field} is truncated`);
      v = { wire, value: buf.subarray(pos, pos + size) };
      pos += size;
    } else {
      throw new WireError(`unsupported wire type ${wire} in field ${field}`);
    }
    let list = fields.get(field);
    if (!list) fields.set(field, (list = []));
    list.push(v);
  }
  return fields;
}

/** The varints of a packed repeated field (one length-delimited run). */
export function readPacked(buf: Buffer): bigint[] {
  const out: bigint[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [value, next] = readVarint(buf, pos);
    out.push(value);
    pos = next;
  }
  return out;
}

/** `k8s\0`: the magic that starts every Kubernetes protobuf body. */
export const K8S_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
