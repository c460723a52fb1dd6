// The node IPAM controller (kubenet and overlay clusters): each node gets its own /24 of the
// cluster's pod CIDR, and its pods get addresses from it. A node's range is freed when it goes.
import ipaddr from 'ipaddr.js';
import type { KubeObject } from '../contracts.js';
import { specOf } from './types.js';

/** AKS's default pod CIDR; a cluster with more than 256 nodes continues past it. */
const POD_CIDR_BASE = ipaddr.IPv4.parse('10.244.0.0');

function toNumber(a: ipaddr.IPv4): number {
  return a.toByteArray().reduce((n, b) => n * 256 + b, 0);
}

/** Dotted quad of a 32-bit address (what ipaddr's IPv4 toString gives, without building one per pod). */
function fromNumber(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

const BASE = toNumber(POD_CIDR_BASE);

/** Hands out one /24 per node and pod addresses within it. */
export class NodeIpam {
  /** Index of each node's /24 (0 = 10.244.0.0/24), by node name. */
  private readonly ranges = new Map<string, number>();
  /** The node holding each /24, by index (the reverse of `ranges`). */
  private readonly owners = new Map<number, string>();
  /** Every index below this one is held (so the search for a free one starts here). */
  private lowestFree = 0;
  /** The next host address to give out in each node's range. */
  private readonly next = new Map<string, number>();

  /** The node with its podCIDR(s): kept when given and free, else the lowest free /24. */
  assign(node: KubeObject): KubeObject {
    const spec = { ...specOf(node) };
    const name = node.metadata.name;
    const given = typeof spec['podCIDR'] === 'string' ? this.indexOf(spec['podCIDR']) : undefined;
    const taken = (i: number): boolean => (this.owners.get(i) ?? name) !== name;
    let index = given !== undefined && !taken(given) ? given : this.ranges.get(name);
    if (index === undefined || taken(index)) {
      index = this.lowestFree;
      while (taken(index)) index++;
    }
    this.hold(name, index);
    const cidr = `${fromNumber(BASE + index * 256)}/24`;
    spec['podCIDR'] = cidr;
    spec['podCIDRs'] = [cidr];
    return { ...node, spec };
  }

  /** Frees a removed node's range. */
  release(node: string): void {
    this.free(node);
    this.next.delete(node);
  }

  private hold(name: string, index: number): void {
    if (this.ranges.get(name) === index) return;
    this.free(name);
    this.ranges.set(name, index);
    this.owners.set(index, name);
    while (this.owners.has(this.lowestFree)) this.lowestFree++;
  }

  private free(name: string): void {
    const index = this.ranges.get(name);
    if (index === undefined) return;
    this.ranges.delete(name);
    this.owners.delete(index);
    this.lowestFree = Math.min(this.lowestFree, index);
  }

  /** The next pod address on a node (.2 onwards, wrapping inside its /24). */
  podIP(node: string): string {
    const index = this.ranges.get(node) ?? 0;
    const host = this.next.get(node) ?? 2;
    this.next.set(node, host >= 254 ? 2 : host + 1);
    return fromNumber(BASE + index * 256 + host);
  }

  private indexOf(cidr: string): number | undefined {
    try {
      const [addr, prefix] = ipaddr.parseCIDR(cidr);
      if (addr.kind() !== 'ipv4' || prefix !== 24) return undefined;
      const offset = toNumber(addr as ipaddr.IPv4) - BASE;
      return offset >= 0 && offset % 256 === 0 ? offset / 256 : undefined;
    } catch {
      return undefined;
    }
  }
}
