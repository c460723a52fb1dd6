import { cidrContains, parseAddress, parseCidr } from './address.js';
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

/** Whether an ipBlock peer covers the endpoint's address on this data plane. */
function ipBlockMatches(
  block: NonNullable<PolicyPeer['ipBlock']>,
  endpoint: Endpoint,
  plane: DataPlane,
): boolean {
  if (endpoint.address === undefined) return false;
  if (endpoint.kind !== 'address' && !plane.ipBlockMatchesClusterAddresses) return false;
  const address = parseAddress(endpoint.address);
  const cidr = parseCidr(block.cidr);
  // The API server stores no unparsable CIDR; one that cannot be read matches nothing.
  if (!address || !cidr || !cidrContains(cidr, address)) return false;
  return !(block.except ?? []).some((text) => {
    const except = parseCidr(text);
    return except !== undefined && cidrContains(except, address);
  });
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
