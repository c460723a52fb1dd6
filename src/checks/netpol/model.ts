import type { LabelSelector } from '../../model/label-selector.js';

/** The three protocols a NetworkPolicy port can name; TCP when a port leaves it out. */
export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** An `ipBlock` peer: a CIDR minus its exceptions. */
export interface IpBlock {
  cidr: string;
  except?: string[];
}

/** One peer of a rule's `to` (egress) or `from` (ingress) list; the parts set say which kind it is. */
export interface PolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IpBlock;
}

/** One port of a rule: a number (with `endPort`, a range), a named port, or absent (every port). */
export interface PolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

/** One egress rule: traffic may go to any peer of `to` on any port of `ports`. */
export interface EgressRule {
  to?: PolicyPeer[];
  ports?: PolicyPort[];
}

/** One ingress rule: traffic may come from any peer of `from` on any port of `ports`. */
export interface IngressRule {
  from?: PolicyPeer[];
  ports?: PolicyPort[];
}

/** The parts of a NetworkPolicy that decide traffic, as stored by the API server. */
export interface PolicyFacts {
  namespace: string;
  name: string;
  labels?: Record<string, string>;
  /** Absent reads as `{}`: the policy selects every pod of its namespace. */
  podSelector?: LabelSelector;
  /** As written; absent means the API server's default applies (see policy-types.ts). */
  policyTypes?: string[];
  egress?: EgressRule[];
  ingress?: IngressRule[];
  /** The stored object's identity as read: a delete names it, so a policy changed since is kept. */
  uid?: string;
  resourceVersion?: string;
}

/** A port a container declares; only these give named ports a meaning. */
export interface ContainerPort {
  name?: string;
  port: number;
  protocol?: string;
}

/** A pod as far as NetworkPolicy is concerned. */
export interface PodFacts {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** hostNetwork pods use the node's network: NetworkPolicies do not apply to them. */
  hostNetwork: boolean;
  /**
   * Runs on Windows: spec.os.name, else its node's kubernetes.io/os label, else scheduling that
   * admits only kubernetes.io/os=windows nodes (see imds/pod-windows.ts).
   */
  windows?: boolean;
  /** status.podIP and status.hostIP, when known. */
  ip?: string;
  hostIP?: string;
  /** Has an IPv6 address (status.podIPs): the cluster uses IPv6, so a policy must keep its egress. */
  ipv6?: true;
  /** Every container's declared ports (named ports resolve against these). */
  ports?: ContainerPort[];
}

/** A namespace and its labels (the API server adds `kubernetes.io/metadata.name`). */
export interface NamespaceFacts {
  name: string;
  labels: Record<string, string>;
}
