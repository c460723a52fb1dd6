import ipaddr from 'ipaddr.js';

/** An IPv4 or IPv6 address, parsed. */
export type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** A CIDR block as NetworkPolicy `ipBlock` reads it: an address with the host bits ignored. */
export interface Cidr {
  address: Address;
  prefix: number;
}

/** Leading zeros are decimal to the API server's parser (`010.0.0.0` is 10.0.0.0); to ipaddr.js they are not. */
function decimalV4(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255))
    return undefined;
  return parts.map((p) => String(Number(p))).join('.');
}

// Parsing is the costly part of a reachability question and the same few texts come back
// thousands of times in a check: remember them (bounded, so a long session cannot grow it).
const MEMO_LIMIT = 10_000;
function memo<T>(parse: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    if (seen.has(text)) return seen.get(text) as T;
    if (seen.size >= MEMO_LIMIT) seen.clear();
    const value = parse(text);
    seen.set(text, value);
    return value;
  };
}

/** Parses one address: dotted-quad IPv4 or IPv6 (no zone); undefined for anything else. */
export const parseAddress = memo(parseAddressOnce);

function parseAddressOnce(text: string): Address | undefined {
  if (text.includes(':')) {
    if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return undefined;
    return ipaddr.IPv6.parse(text);
  }
  const v4 = decimalV4(text);
  return v4 === undefined ? undefined : ipaddr.IPv4.parse(v4);
}

/**
 * Parses `address/prefix` the way the API server accepts an ipBlock CIDR: bits beyond the prefix
 * are ignored (`10.10.0.0/0` is all of IPv4). Undefined for anything it would reject.
 */
export const parseCidr = memo(parseCidrOnce);

function parseCidrOnce(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0 || !/^\d{1,3}$/.test(text.slice(slash + 1))) return undefined;
  const address = parseAddress(text.slice(0, slash));
  const prefix = Number(text.slice(slash + 1));
  if (!address || prefix > bitsOf(address)) return undefined;
  return { address, prefix };
}

// The IPv4-mapped IPv6 block ::ffff:0:0/96: ::ffff:a.b.c.d is IPv4 address a.b.c.d.
const MAPPED_PREFIX = ipaddr.IPv6.parse('::ffff:0:0');

/**
 * The IPv4 block that an IPv4-mapped IPv6 block stands for when Go's `net` package reads it
 * (`::ffff:0:0/96` is 0.0.0.0/0, `::ffff:169.254.0.0/112` is 169.254.0.0/16): the API server's
 * own warning names that form, and Calico parses CIDRs that way. Undefined for any other block,
 * including wider ones (`::/0`), whose network address is not IPv4-mapped once masked.
 */
export function mappedIpv4Block(cidr: Cidr): Cidr | undefined {
  if (cidr.address.kind() !== 'ipv6' || cidr.prefix < 96) return undefined;
  const v6 = cidr.address as ipaddr.IPv6;
  if (!v6.match(MAPPED_PREFIX, 96)) return undefined;
  return { address: v6.toIPv4Address(), prefix: cidr.prefix - 96 };
}

/** `parseCidr`, with an IPv4-mapped IPv6 block read as the IPv4 block it maps (see mappedIpv4Block). */
export const parseCidrAsMappedIpv4 = memo((text: string): Cidr | undefined => {
  const cidr = parseCidr(text);
  return cidr && (mappedIpv4Block(cidr) ?? cidr);
});

/** 32 for IPv4, 128 for IPv6. */
function bitsOf(address: Address): 32 | 128 {
  return address.kind() === 'ipv4' ? 32 : 128;
}

/** Whether the address lies in the block (an IPv4 address never lies in an IPv6 block). */
export function cidrContains(cidr: Cidr, address: Address): boolean {
  return address.kind() === cidr.address.kind() && address.match(cidr.address, cidr.prefix);
}

/** Whether every address of `inner` lies in `outer`. */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && cidrContains(outer, inner.address);
}

/**
 * Whether the API server accepts `except` as an exception of `cidr` (ValidateIPBlock): `cidr`
 * holds the except's network address as Go's net.IPNet reads both (IPv4-mapped IPv6 as IPv4), and
 * the except's prefix, as written, is longer. So `0.0.0.0/0` may except `::ffff:169.254.169.254/128`,
 * but `::ffff:0:0/96` may not except `169.254.169.254/32` (32 is not longer than 96).
 */
export function isStrictSubset(cidr: Cidr, except: Cidr): boolean {
  const outer = mappedIpv4Block(cidr) ?? cidr;
  const inner = mappedIpv4Block(except) ?? except;
  return cidrContains(outer, inner.address) && except.prefix > cidr.prefix;
}

function toBigInt(address: Address): bigint {
  return address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
}

function fromBigInt(value: bigint, bits: 32 | 128): Address {
  const bytes: number[] = [];
  for (let i = bits / 8 - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes);
}

/** The first and last address of the block. */
export function cidrBounds(cidr: Cidr): [Address, Address] {
  const bits = bitsOf(cidr.address);
  const host = BigInt(bits - cidr.prefix);
  const first = (toBigInt(cidr.address) >> host) << host;
  return [fromBigInt(first, bits), fromBigInt(first + (1n << host) - 1n, bits)];
}

/** The address `delta` (+1 or -1) away, or undefined past either end of the family. */
export function stepAddress(address: Address, delta: 1 | -1): Address | undefined {
  const bits = bitsOf(address);
  const next = toBigInt(address) + BigInt(delta);
  return next < 0n || next >= 1n << BigInt(bits) ? undefined : fromBigInt(next, bits);
}

/** The address as text: dotted quad, or RFC 5952 IPv6. */
export function formatAddress(address: Address): string {
  return address.kind() === 'ipv6'
    ? (address as ipaddr.IPv6).toRFC5952String()
    : address.toString();
}
