import ipaddr from 'ipaddr.js';

/**
 * How much of the public internet a set of authorized IP ranges lets in. The API server counts as
 * public when the ranges, together, cover more than this share of the public address space of
 * their family: 1/256 is about one /8 of IPv4 (16.7 million addresses), far more than any office,
 * VPN or CI network needs, and a range that wide is "anyone on a large cloud or ISP".
 */
export const PUBLIC_SHARE_THRESHOLD = 1 / 256;

type Family = 'ipv4' | 'ipv6';
interface Interval {
  start: bigint;
  end: bigint;
}

// Address blocks that are not reachable from the public internet (IANA special-purpose registry:
// this network, private, shared/CGN, loopback, link-local, IETF protocol, documentation,
// benchmarking, multicast, reserved + broadcast). IPv6: only global unicast (2000::/3) is public.
const NOT_PUBLIC_V4 = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.0.0.0/24',
  '192.0.2.0/24',
  '192.168.0.0/16',
  '198.18.0.0/15',
  '198.51.100.0/24',
  '203.0.113.0/24',
  '224.0.0.0/4',
  '240.0.0.0/4',
];
const PUBLIC_V6 = ['2000::/3'];

function toBigInt(bytes: number[]): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

/** A CIDR (or a bare address, as one host) as an interval of its family; undefined if invalid. */
export function intervalOf(text: string): { family: Family; interval: Interval } | undefined {
  const entry = text.trim();
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  let prefix: number;
  try {
    if (entry.includes('/')) [addr, prefix] = ipaddr.parseCIDR(entry);
    else {
      addr = ipaddr.parse(entry);
      prefix = addr.kind() === 'ipv4' ? 32 : 128;
    }
  } catch {
    return undefined;
  }
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
    addr = (addr as ipaddr.IPv6).toIPv4Address();
    prefix = Math.max(0, prefix - 96);
  }
  const bits = addr.kind() === 'ipv4' ? 32 : 128;
  const host = BigInt(bits - prefix);
  const start = (toBigInt(addr.toByteArray()) >> host) << host;
  return { family: addr.kind(), interval: { start, end: start + (1n << host) - 1n } };
}

/** Sorted, non-overlapping intervals covering the same addresses. */
function union(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : 0,
  );
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.start <= last.end + 1n) last.end = i.end > last.end ? i.end : last.end;
    else out.push({ ...i });
  }
  return out;
}

function size(intervals: Interval[]): bigint {
  return intervals.reduce((n, i) => n + (i.end - i.start + 1n), 0n);
}

/** Addresses of `a` that are also in `b` (both unions). */
function overlap(a: Interval[], b: Interval[]): bigint {
  let n = 0n;
  for (const x of a)
    for (const y of b) {
      const start = x.start > y.start ? x.start : y.start;
      const end = x.end < y.end ? x.end : y.end;
      if (start <= end) n += end - start + 1n;
    }
  return n;
}

const parsed = (list: string[]) => union(list.map((c) => intervalOf(c)!.interval));
const V4_ALL: Interval[] = [{ start: 0n, end: (1n << 32n) - 1n }];
const V4_PUBLIC_SIZE = size(V4_ALL) - size(parsed(NOT_PUBLIC_V4));
const V6_PUBLIC = parsed(PUBLIC_V6);

/** The public share each family's ranges cover (0..1), and the entries that are not CIDRs. */
export interface Coverage {
  ipv4: number;
  ipv6: number;
  invalid: string[];
}

/** How much of the public IPv4 and IPv6 internet the union of `ranges` covers. */
export function publicCoverage(ranges: string[]): Coverage {
  const v4: Interval[] = [];
  const v6: Interval[] = [];
  const invalid: string[] = [];
  for (const r of ranges) {
    const found = intervalOf(r);
    if (!found) invalid.push(r);
    else (found.family === 'ipv4' ? v4 : v6).push(found.interval);
  }
  const v4Public = size(union(v4)) - overlap(union(v4), parsed(NOT_PUBLIC_V4));
  const share = (part: bigint, whole: bigint) => Number((part * 1_000_000n) / whole) / 1_000_000;
  return {
    ipv4: share(v4Public, V4_PUBLIC_SIZE),
    ipv6: share(overlap(union(v6), V6_PUBLIC), size(V6_PUBLIC)),
    invalid,
  };
}
