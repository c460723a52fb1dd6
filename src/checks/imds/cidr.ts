/** A parsed CIDR block: address family (32 or 128 bits), network bits as a number, prefix length. */
export interface CidrBlock {
  bits: 32 | 128;
  network: bigint;
  prefix: number;
}

/** The instance metadata endpoint of Azure (and of most clouds). */
export const IMDS_ADDRESS = '169.254.169.254';
/** The endpoint as a one-address block, the form an `except` entry takes. */
export const IMDS_CIDR = `${IMDS_ADDRESS}/32`;

function parseV4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseV6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return undefined;
  let body = text;
  // An IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (tail) {
    const v4 = parseV4(tail[1]!);
    if (v4 === undefined) return undefined;
    body = `${body.slice(0, -tail[1]!.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, rest] = body.includes('::') ? body.split('::') : [body, undefined];
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/**
 * Parses `a.b.c.d/n` or an IPv6 `x::y/n` the way the API server accepts it: host bits beyond the
 * prefix are dropped (`10.10.0.0/0` is `0.0.0.0/0`). Returns undefined for anything it would reject.
 */
export function parseCidr(text: string): CidrBlock | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const address = text.slice(0, slash);
  const length = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(length)) return undefined;
  const v4 = address.includes(':') ? undefined : parseV4(address);
  const bits: 32 | 128 = v4 !== undefined ? 32 : 128;
  const value = v4 ?? (address.includes(':') ? parseV6(address) : undefined);
  const prefix = Number(length);
  if (value === undefined || prefix > bits) return undefined;
  const host = BigInt(bits - prefix);
  return { bits, network: (value >> host) << host, prefix };
}

/** Whether every address of `inner` lies inside `outer` (same family only). */
export function cidrCovers(outer: CidrBlock, inner: CidrBlock): boolean {
  if (outer.bits !== inner.bits || inner.prefix < outer.prefix) return false;
  const host = BigInt(outer.bits - outer.prefix);
  return inner.network >> host === outer.network >> host;
}

/** Whether `except` is a valid exception of `cidr`: inside it and strictly smaller. */
export function isStrictSubset(cidr: CidrBlock, except: CidrBlock): boolean {
  return cidrCovers(cidr, except) && except.prefix > cidr.prefix;
}

const IMDS_BLOCK = parseCidr(IMDS_CIDR)!;

/** Whether the CIDR text includes the metadata address; false when the text is not a CIDR. */
export function cidrIncludesImds(text: string): boolean {
  const block = parseCidr(text);
  return block !== undefined && cidrCovers(block, IMDS_BLOCK);
}
