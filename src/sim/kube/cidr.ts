import { isIPv6 } from 'node:net';

/** A parsed CIDR: family, network address as a number, prefix length. */
export interface Cidr {
  bits: 32 | 128;
  network: bigint;
  prefix: number;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    // ParseCIDRSloppy accepts leading zeros (read as decimal), nothing else.
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  if (!isIPv6(s) || s.includes('%')) return undefined;
  let text = s;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = parseV4(tail[1]!);
    if (v4 === undefined) return undefined;
    text =
      text.slice(0, -tail[1]!.length) +
      `${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const r = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const groups =
    rest === undefined ? h : [...h, ...Array<string>(8 - h.length - r.length).fill('0'), ...r];
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** Go's net.ParseCIDR, sloppy about leading zeros like k8s.io/utils ParseCIDRSloppy; undefined if invalid. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const addr = text.slice(0, slash);
  const len = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(len)) return undefined;
  const prefix = Number(len);
  const v4 = addr.includes(':') ? undefined : parseV4(addr);
  const bits: 32 | 128 = v4 !== undefined ? 32 : 128;
  const value = v4 ?? parseV6(addr);
  if (value === undefined || prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const network = (value >> hostBits) << hostBits;
  return { bits, network, prefix };
}

/**
 * The block as Go's net.IPNet compares it: an IPv4-mapped IPv6 network (::ffff:a.b.c.d; its
 * prefix is then at least 96, since a shorter one masks the ffff away) is the IPv4 network
 * a.b.c.d/(prefix - 96). The API server warns that `::ffff:0:0/96` means 0.0.0.0/0.
 */
function asGoCompares(c: Cidr): Cidr {
  if (c.bits !== 128 || c.network >> 32n !== 0xffffn) return c;
  return { bits: 32, network: c.network & 0xffffffffn, prefix: c.prefix - 96 };
}

/**
 * Whether `inner`'s network address lies in `outer` (net.IPNet.Contains of the address, which
 * reads IPv4-mapped IPv6 networks and addresses as IPv4).
 */
export function containsAddress(outer: Cidr, inner: Cidr): boolean {
  const o = asGoCompares(outer);
  const i = asGoCompares(inner);
  if (o.bits !== i.bits) return false;
  const hostBits = BigInt(o.bits - o.prefix);
  return i.network >> hostBits === o.network >> hostBits;
}
