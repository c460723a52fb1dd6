import type { ContainerPort, PolicyPort, Protocol } from './model.js';

/** What a connection uses: protocol and destination port. */
export interface Connection {
  protocol: Protocol;
  port: number;
}

/** The protocol of a port entry or container port: TCP when it is left out, as the API server defaults it. */
function protocolOf(entry: { protocol?: string }): string {
  return entry.protocol ?? 'TCP';
}

/**
 * Whether one port entry of a rule admits the connection. `named` are the destination's own
 * container ports (for egress, the destination pod's; for ingress, the selected pod's): a named
 * port means whatever number the destination gives that name for that protocol, so it never
 * matches an address that is not a pod.
 */
export function portEntryMatches(
  entry: PolicyPort,
  connection: Connection,
  named: readonly ContainerPort[] | undefined,
): boolean {
  if (protocolOf(entry) !== connection.protocol) return false;
  const port = entry.port;
  if (port === undefined) return true;
  if (typeof port === 'number') {
    const end = entry.endPort ?? port;
    return connection.port >= port && connection.port <= end;
  }
  return (named ?? []).some(
    (c) => c.name === port && c.port === connection.port && protocolOf(c) === connection.protocol,
  );
}

/**
 * Every distinct named port the given pods declare: what an egress named port may mean on an
 * engine that resolves it across the cluster (see dataplane.ts).
 */
export function clusterNamedPorts(
  pods: readonly { ports?: readonly ContainerPort[] }[],
): readonly ContainerPort[] {
  // Asked for the same pod list by every check of a look: tens of thousands of pods, walked once.
  const known = NAMED_PORTS.get(pods);
  if (known) return known;
  const seen = new Map<string, ContainerPort>();
  for (const pod of pods)
    for (const c of pod.ports ?? []) {
      if (!c.name) continue;
      const entry = { name: c.name, port: c.port, protocol: protocolOf(c) };
      seen.set(`${entry.name}/${entry.port}/${entry.protocol}`, entry);
    }
  const found = [...seen.values()];
  NAMED_PORTS.set(pods, found);
  return found;
}

const NAMED_PORTS = new WeakMap<object, readonly ContainerPort[]>();

/** Whether a rule's `ports` admit the connection: absent or empty means every port and protocol. */
export function portsMatch(
  ports: readonly PolicyPort[] | undefined,
  connection: Connection,
  named: readonly ContainerPort[] | undefined,
): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((entry) => portEntryMatches(entry, connection, named));
}

/** `TCP/80`, `UDP/53`, `TCP/1024-65535`, `TCP/http` (named), `TCP/*` (every TCP port). */
export function describePort(entry: PolicyPort): string {
  const port = entry.port;
  const range = typeof port === 'number' && entry.endPort !== undefined && entry.endPort !== port;
  const text = port === undefined ? '*' : range ? `${port}-${entry.endPort}` : String(port);
  return `${protocolOf(entry)}/${text}`;
}
