import type { DataPlane } from './dataplane.js';
import type { ContainerPort, EgressRule, IngressRule } from './model.js';
import { peerMatches, type Endpoint } from './peers.js';
import { portsMatch, type Connection } from './ports.js';

/** Looks up a namespace's labels (the API server gives each `kubernetes.io/metadata.name`). */
export type NamespaceLabels = (namespace: string) => Record<string, string>;

/**
 * Whether one egress rule of a policy in `policyNamespace` allows a connection to `destination`.
 * An absent or empty `to` allows every destination; an absent or empty `ports`, every port.
 */
export function egressRuleAllows(
  rule: EgressRule,
  policyNamespace: string,
  destination: Endpoint,
  connection: Connection,
  plane: DataPlane,
  namespaceLabels: NamespaceLabels,
): boolean {
  const named = destination.kind === 'pod' ? destination.ports : undefined;
  if (!portsMatch(rule.ports, connection, named)) return false;
  const to = rule.to ?? [];
  return (
    to.length === 0 ||
    to.some((peer) => peerMatches(peer, policyNamespace, destination, plane, namespaceLabels))
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
