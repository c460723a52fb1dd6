import type { DataPlane } from './dataplane.js';
import type { ContainerPort, EgressRule, IngressRule } from './model.js';
import { peerMatches, type Endpoint } from './peers.js';
import { portsMatch, type Connection } from './ports.js';

/** Looks up a namespace's labels (the API server gives each `kubernetes.io/metadata.name`). */
export type NamespaceLabels = (namespace: string) => Record<string, string>;

/**
 * Whether one egress rule of a policy in `policyNamespace` allows a connection to `destination`.
 * An absent or empty `to` allows every destination; an absent or empty `ports`, every port.
 * `clusterPorts`: the named ports of every pod in the cluster, which an egress named port means
 * on a plane that resolves it cluster-wide (Cilium); when not given there, a named port may mean
 * any number.
 */
export function egressRuleAllows(
  rule: EgressRule,
  policyNamespace: string,
  destination: Endpoint,
  connection: Connection,
  plane: DataPlane,
  namespaceLabels: NamespaceLabels,
  clusterPorts?: readonly ContainerPort[],
): boolean {
  const named = plane.egressNamedPortsClusterWide
    ? (clusterPorts ?? anyNumber(rule, connection))
    : destination.kind === 'pod'
      ? destination.ports
      : undefined;
  if (!portsMatch(rule.ports, connection, named)) return false;
  const to = rule.to ?? [];
  return (
    to.length === 0 ||
    to.some((peer) => peerMatches(peer, policyNamespace, destination, plane, namespaceLabels))
  );
}

/** The rule's named ports as if each meant the connection's number: nothing known says otherwise. */
function anyNumber(rule: EgressRule, connection: Connection): ContainerPort[] {
  return (rule.ports ?? []).flatMap((p) =>
    typeof p.port === 'string'
      ? [{ name: p.port, port: connection.port, ...(p.protocol ? { protocol: p.protocol } : {}) }]
      : [],
  );
}

/**
 * Whether one ingress rule of a policy in `policyNamespace` allows a connection from `source`
 * to a pod it selects; named ports resolve against that pod's own container ports.
 */
export function ingressRuleAllows(
  rule: IngressRule,
  policyNamespace: string,
  source: Endpoint,
  connection: Connection,
  selectedPodPorts: readonly ContainerPort[] | undefined,
  plane: DataPlane,
  namespaceLabels: NamespaceLabels,
): boolean {
  if (!portsMatch(rule.ports, connection, selectedPodPorts)) return false;
  const from = rule.from ?? [];
  return (
    from.length === 0 ||
    from.some((peer) => peerMatches(peer, policyNamespace, source, plane, namespaceLabels))
  );
}
