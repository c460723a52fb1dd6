/**
 * How a policy engine enforces NetworkPolicy where engines differ. The Kubernetes documentation
 * leaves some cases to the implementation; these are the differences AKS documents:
 *
 * - `none`: policies are stored and never enforced: every connection is allowed.
 * - Calico: the Kubernetes semantics; an ipBlock matches any address it covers, pods and nodes too.
 * - Azure Network Policy Manager: as Calico, and a pod may always reach its own node (NPM never
 *   blocks that egress). It is IPv4 only: a policy with any ipBlock cidr or except that is not
 *   IPv4 fails translation (azure-container-networking translatePolicy.go ipBlockRule,
 *   ErrUnsupportedIPAddress) and NPM installs none of that policy (the controller logs it).
 * - Cilium (Azure CNI Powered by Cilium): an ipBlock never matches a pod or node address, even
 *   inside its CIDR; pods need podSelector/namespaceSelector peers, and node addresses cannot be
 *   allowed by a NetworkPolicy at all. An egress rule's named port means every number any pod of
 *   the cluster gives that name (cilium pkg/endpoint GetNamedPort: "egress needs named ports of
 *   all the pods"), and it then applies to every peer of the rule, ipBlock peers too. (endPort
 *   needs Cilium 1.17; not modelled: the Kubernetes meaning is used.)
 *
 * Traffic to a Service's cluster IP is judged after it is translated to a backing pod, as every
 * one of these engines does; the evaluator's callers ask about the pods.
 */
export interface DataPlane {
  name: 'none' | 'calico' | 'azure-npm' | 'cilium';
  /** Whether policies are enforced at all. */
  enforces: boolean;
  /** Whether an ipBlock can match the address of a pod or a node. */
  ipBlockMatchesClusterAddresses: boolean;
  /** Whether egress from a pod to its own node is always allowed. */
  ownNodeAlwaysReachable: boolean;
  /**
   * Whether an egress rule's named port resolves against the named ports of every pod in the
   * cluster (and so applies to addresses that are not pods), not the destination pod's own.
   */
  egressNamedPortsClusterWide: boolean;
  /** Whether a policy with an ipBlock (cidr or except) that is not IPv4 is dropped whole: not in effect. */
  dropsPolicyWithNonIpv4Block: boolean;
}

/** The data planes by name. */
export const DATA_PLANES: Readonly<Record<DataPlane['name'], DataPlane>> = {
  none: {
    name: 'none',
    enforces: false,
    ipBlockMatchesClusterAddresses: true,
    ownNodeAlwaysReachable: true,
    egressNamedPortsClusterWide: false,
    dropsPolicyWithNonIpv4Block: false,
  },
  calico: {
    name: 'calico',
    enforces: true,
    ipBlockMatchesClusterAddresses: true,
    ownNodeAlwaysReachable: false,
    egressNamedPortsClusterWide: false,
    dropsPolicyWithNonIpv4Block: false,
  },
  'azure-npm': {
    name: 'azure-npm',
    enforces: true,
    ipBlockMatchesClusterAddresses: true,
    ownNodeAlwaysReachable: true,
    egressNamedPortsClusterWide: false,
    dropsPolicyWithNonIpv4Block: true,
  },
  cilium: {
    name: 'cilium',
    enforces: true,
    ipBlockMatchesClusterAddresses: false,
    ownNodeAlwaysReachable: false,
    egressNamedPortsClusterWide: true,
    dropsPolicyWithNonIpv4Block: false,
  },
};

/** Every data plane that enforces policies: what a change must be safe on when the engine is unknown. */
export const ENFORCING_PLANES: readonly DataPlane[] = [
  DATA_PLANES.calico,
  DATA_PLANES['azure-npm'],
  DATA_PLANES.cilium,
];
