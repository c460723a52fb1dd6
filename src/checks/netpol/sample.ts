import { cidrBounds, formatAddress, parseCidr, stepAddress } from './address.js';
import { DATA_PLANES } from './dataplane.js';
import type { NamespaceFacts, PodFacts, PolicyFacts, PolicyPeer } from './model.js';
import { peerMatches, type Endpoint } from './peers.js';
import type { Connection } from './ports.js';
import type { SourcePod } from './reach.js';
import { selectorMatches } from './selector.js';

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
    const key = selectors.map((p) => (selectorMatches(p.podSelector, pod.labels) ? 1 : 0)).join('');
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
  for (const text of cidrs) {
    const cidr = parseCidr(text);
    if (!cidr) continue;
    const [first, last] = cidrBounds(cidr);
    for (const a of [stepAddress(first, -1), first, last, stepAddress(last, 1)])
      if (a) out.add(formatAddress(a));
  }
  return [...out].map((address) => ({ endpoint: { kind: 'address', address }, label: address }));
}

/**
 * Pods grouped by what every selector peer says about them and by the numbers of the named ports
 * the rules use: pods in one group are alike to every rule but for their address. Each group
 * gives a stand-in without an address (to find what selectors add) and one with a real address.
 */
function podDestinations(
  input: SampleInput,
  selectorPeers: readonly PolicyPeer[],
  namedPorts: ReadonlySet<string>,
  labelsOf: (ns: string) => Record<string, string>,
): SampledDestination[] {
  const candidates: Array<PodFacts & { what: string }> = [
    ...input.pods
      .filter((p) => !p.hostNetwork)
      .map((p) => ({ ...p, what: `pod ${p.namespace}/${p.name}` })),
    {
      namespace: input.namespace,
      name: '',
      labels: {},
      hostNetwork: false,
      what: `a new pod with no labels in ${input.namespace}`,
    },
    {
      namespace: 'a-new-namespace',
      name: '',
      labels: {},
      hostNetwork: false,
      what: 'a new pod in a new namespace',
    },
    {
      namespace: 'kube-system',
      name: '',
      labels: { 'k8s-app': 'kube-dns' },
      hostNetwork: false,
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, protocol: 'TCP' },
      ],
      what: 'cluster DNS (CoreDNS)',
    },
  ];
  const groups = new Map<string, { label: string; endpoint: Endpoint; withAddress?: Endpoint }>();
  for (const pod of candidates) {
    const endpoint: Endpoint = {
      kind: 'pod',
      namespace: pod.namespace,
      labels: pod.labels,
      namespaceLabels: labelsOf(pod.namespace),
      ...(pod.ports ? { ports: pod.ports } : {}),
    };
    const bits = selectorPeers
      .map((peer) =>
        peerMatches(peer, input.namespace, endpoint, DATA_PLANES.calico, labelsOf) ? 1 : 0,
      )
      .join('');
    const named = [...namedPorts].map((name) =>
      (pod.ports ?? [])
        .filter((c) => c.name === name)
        .map((c) => `${c.protocol ?? 'TCP'}/${c.port}`),
    );
    const key = `${bits}|${JSON.stringify(named)}`;
    const group = groups.get(key) ?? { label: pod.what, endpoint };
    if (!group.withAddress && pod.ip) group.withAddress = { ...endpoint, address: pod.ip };
    groups.set(key, group);
  }
  return [...groups.values()].flatMap((g) => [
    { endpoint: g.endpoint, label: g.label, additionsOnly: true },
    ...(g.withAddress ? [{ endpoint: g.withAddress, label: g.label }] : []),
  ]);
}

/** A few node addresses (where hostNetwork pods listen), one of them as the source's own node. */
function nodeDestinations(pods: readonly PodFacts[]): SampledDestination[] {
  const hosts = [...new Set(pods.flatMap((p) => (p.hostIP ? [p.hostIP] : [])))].slice(0, 3);
  return hosts.flatMap((address, i) => [
    { endpoint: { kind: 'node', address }, label: `node ${address}` },
    ...(i === 0
      ? [
          {
            endpoint: { kind: 'node', address, ownNode: true } as Endpoint,
            label: `the pod's own node`,
          },
        ]
      : []),
  ]);
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
