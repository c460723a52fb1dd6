import { cidrBounds, formatAddress, mappedIpv4Block, parseCidr, stepAddress } from './address.js';
import type { NamespaceFacts, PodFacts, PolicyFacts, PolicyPeer } from './model.js';
import type { Endpoint } from './peers.js';
import type { Connection } from './ports.js';
import type { SourcePod } from './reach.js';
import { nodeDestinations, podDestinations } from './sample-pods.js';
import { selectorMatches } from '../label-selector.js';

/** A destination to ask about, with a name for messages. */
export interface SampledDestination {
  endpoint: Endpoint;
  label: string;
  /**
   * A pod stand-in without an address: it finds what selector peers add, but an ipBlock could
   * still match the real pod's address, so what it loses means nothing.
   */
  additionsOnly?: boolean;
}

/** Who asks, where to, on what: enough points to see every change of one namespace's egress. */
export interface EgressSample {
  sources: Array<{ pod: SourcePod; label: string }>;
  destinations: SampledDestination[];
  connections: Connection[];
}

/** What the sample is built from. `policies` holds the namespace's policies before and after. */
export interface SampleInput {
  namespace: string;
  namespaces: readonly NamespaceFacts[];
  pods: readonly PodFacts[];
  policies: readonly PolicyFacts[];
  /** Addresses every check asks about (the metadata endpoint, cluster DNS, CIDR samples...). */
  addresses: readonly string[];
}

const FIXED_PORTS = [1, 53, 80, 443, 1024, 8080, 65535];
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

/**
 * The sample for a change of `namespace`'s policies. Reachability only changes where a CIDR or a
 * port range begins or ends, or where a selector's answer changes, so the sample takes every
 * CIDR's first and last address and their neighbours, every port range's ends and neighbours,
 * and one pod per distinct answer of every selector: over these, it sees every change.
 */
export function egressSample(input: SampleInput): EgressSample {
  const labelsOf = namespaceLabelsOf(input.namespaces);
  const rules = input.policies
    .filter((p) => p.namespace === input.namespace)
    .flatMap((p) => p.egress ?? []);
  const peers = rules.flatMap((r) => r.to ?? []);
  const selectorPeers = peers.filter((p) => !p.ipBlock);
  const namedPorts = new Set(
    rules.flatMap((r) =>
      (r.ports ?? []).flatMap((p) => (typeof p.port === 'string' ? [p.port] : [])),
    ),
  );
  const destinations = [
    ...addressDestinations(input.addresses, peers),
    ...podDestinations(input, selectorPeers, namedPorts, labelsOf),
    ...nodeDestinations(input.pods),
  ];
  return {
    sources: sources(input),
    destinations,
    connections: connections(rules, destinations),
  };
}

function namespaceLabelsOf(namespaces: readonly NamespaceFacts[]) {
  const map = new Map(namespaces.map((n) => [n.name, n.labels]));
  return (ns: string) => map.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
}

/** One source per distinct set of policies selecting it, and a pod created later with no labels. */
function sources(input: SampleInput): EgressSample['sources'] {
  const selectors = input.policies.filter((p) => p.namespace === input.namespace);
  const seen = new Map<string, { pod: SourcePod; label: string }>();
  for (const pod of input.pods) {
    if (pod.namespace !== input.namespace || pod.hostNetwork) continue;
    const key = selectors
      .map((p) => (selectorMatches(p.podSelector ?? {}, pod.labels) ? 1 : 0))
      .join('');
    if (!seen.has(key))
      seen.set(key, {
        pod: { namespace: pod.namespace, labels: pod.labels },
        label: `pod ${pod.name}`,
      });
  }
  return [
    ...seen.values(),
    { pod: { namespace: input.namespace, labels: {} }, label: 'a new pod with no labels' },
  ];
}

/** The given addresses, and every ipBlock's and except's first and last address with neighbours. */
function addressDestinations(
  addresses: readonly string[],
  peers: readonly PolicyPeer[],
): SampledDestination[] {
  const out = new Set(addresses);
  const cidrs = peers.flatMap((p) =>
    p.ipBlock ? [p.ipBlock.cidr, ...(p.ipBlock.except ?? [])] : [],
  );
  // An IPv4-mapped IPv6 text may also be read as the IPv4 block it maps: its edges are asked too.
  const blocks = cidrs.flatMap((text) => {
    const written = parseCidr(text);
    const mapped = written && mappedIpv4Block(written);
    return [written, mapped].flatMap((c) => (c ? [c] : []));
  });
  for (const cidr of blocks) {
    const [first, last] = cidrBounds(cidr);
    for (const a of [stepAddress(first, -1), first, last, stepAddress(last, 1)])
      if (a) out.add(formatAddress(a));
  }
  return [...out].map((address) => ({ endpoint: { kind: 'address', address }, label: address }));
}

/** Every protocol on the fixed ports, every range's ends and neighbours, and the pods' own ports. */
function connections(
  rules: ReadonlyArray<{ ports?: ReadonlyArray<{ port?: number | string; endPort?: number }> }>,
  destinations: readonly SampledDestination[],
): Connection[] {
  const ports = new Set(FIXED_PORTS);
  for (const entry of rules.flatMap((r) => r.ports ?? [])) {
    if (typeof entry.port !== 'number') continue;
    const end = entry.endPort ?? entry.port;
    for (const p of [entry.port - 1, entry.port, end, end + 1])
      if (p >= 1 && p <= 65535) ports.add(p);
  }
  for (const d of destinations)
    if (d.endpoint.kind === 'pod') for (const c of d.endpoint.ports ?? []) ports.add(c.port);
  const sorted = [...ports].sort((a, b) => a - b);
  return PROTOCOLS.flatMap((protocol) => sorted.map((port) => ({ protocol, port })));
}
