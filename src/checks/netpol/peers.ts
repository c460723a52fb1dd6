import {
  cidrContains,
  parseAddress,
  parseCidr,
  parseCidrAsMappedIpv4,
  type Address,
  type Cidr,
} from './address.js';
import type { DataPlane } from './dataplane.js';
import type { ContainerPort, PolicyPeer } from './model.js';
import { selectorMatches } from '../label-selector.js';

/**
 * One end of a connection.
 * - `address`: anything that is neither a pod nor a node: the metadata endpoint, the internet, a VM.
 * - `node`: a node's address (hostNetwork pods share it); `ownNode` when it is the node of the pod
 *   on the other end (the source pod's, or the destination pod's for traffic from a node).
 * - `pod`: a pod, by namespace and labels; its address, node and container ports when known.
 */
export type Endpoint =
  | { kind: 'address'; address: string }
  | { kind: 'node'; address: string; ownNode?: boolean }
  | {
      kind: 'pod';
      namespace: string;
      labels: Record<string, string>;
      /** When absent, looked up among the cluster's namespaces. */
      namespaceLabels?: Record<string, string>;
      address?: string;
      /** The node it runs on, when known: traffic from that node always reaches it. */
      node?: string;
      ports?: readonly ContainerPort[];
    };

/** Whether the block (its CIDR less its excepts) covers the address, each text read by `read`. */
function blockCovers(
  block: NonNullable<PolicyPeer['ipBlock']>,
  address: Address,
  read: (text: string) => Cidr | undefined,
): boolean {
  const cidr = read(block.cidr);
  // The API server stores no unparsable CIDR; one that cannot be read matches nothing.
  if (!cidr || !cidrContains(cidr, address)) return false;
  return !(block.except ?? []).some((text) => {
    const except = read(text);
    return except !== undefined && cidrContains(except, address);
  });
}

/** How an ipBlock covers an address, under each reading an engine may make of it. */
export interface BlockCoverage {
  /** Every text read as written: an IPv6 block never covers an IPv4 address. */
  asWritten: boolean;
  /** IPv4-mapped IPv6 texts (`::ffff:0:0/96`) read as the IPv4 block they map, as Go's `net` package does. */
  asMappedIpv4: boolean;
}

/**
 * Both readings of an ipBlock for one address. The API server accepts IPv4-mapped IPv6 CIDRs
 * (with a warning naming their IPv4 form; only the alpha StrictIPCIDRValidation gate refuses new
 * ones), Go's `net` package (so Calico) reads them as IPv4, and code on `netip` reads them as
 * IPv6; which one an engine makes is not documented, so callers take either as possible.
 */
export function ipBlockCoverage(
  block: NonNullable<PolicyPeer['ipBlock']>,
  addressText: string,
): BlockCoverage {
  const address = parseAddress(addressText);
  if (!address) return { asWritten: false, asMappedIpv4: false };
  const asWritten = blockCovers(block, address, parseCidr);
  const texts = [block.cidr, ...(block.except ?? [])];
  // Both parses are remembered, so the same object means the text is not IPv4-mapped.
  if (texts.every((t) => parseCidrAsMappedIpv4(t) === parseCidr(t)))
    return { asWritten, asMappedIpv4: asWritten };
  return { asWritten, asMappedIpv4: blockCovers(block, address, parseCidrAsMappedIpv4) };
}

/**
 * Whether an ipBlock peer covers the endpoint's address on this data plane, under either reading
 * of an IPv4-mapped IPv6 text (a rule that may allow a destination is judged to allow it).
 */
function ipBlockMatches(
  block: NonNullable<PolicyPeer['ipBlock']>,
  endpoint: Endpoint,
  plane: DataPlane,
): boolean {
  if (endpoint.address === undefined) return false;
  if (endpoint.kind !== 'address' && !plane.ipBlockMatchesClusterAddresses) return false;
  const coverage = ipBlockCoverage(block, endpoint.address);
  return coverage.asWritten || coverage.asMappedIpv4;
}

/**
 * Whether a peer of a policy in `policyNamespace` selects the endpoint. Selector peers select
 * pods only (never an outside address or a node); podSelector alone means pods of the policy's
 * own namespace; both together mean pods matching the one in namespaces matching the other.
 */
export function peerMatches(
  peer: PolicyPeer,
  policyNamespace: string,
  endpoint: Endpoint,
  plane: DataPlane,
  namespaceLabels: (namespace: string) => Record<string, string>,
): boolean {
  if (peer.ipBlock) return ipBlockMatches(peer.ipBlock, endpoint, plane);
  if (!peer.podSelector && !peer.namespaceSelector) return false; // `{}` is refused by the API server
  if (endpoint.kind !== 'pod') return false;
  if (peer.namespaceSelector) {
    const labels = endpoint.namespaceLabels ?? namespaceLabels(endpoint.namespace);
    if (!selectorMatches(peer.namespaceSelector, labels)) return false;
  } else if (endpoint.namespace !== policyNamespace) {
    return false;
  }
  return !peer.podSelector || selectorMatches(peer.podSelector, endpoint.labels);
}
