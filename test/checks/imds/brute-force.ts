// A second, blunter way to find what a change opens, for the property tests: many more points,
// some drawn at random, without the grouping the production sample relies on.
import type { DataPlane } from '../../../src/checks/netpol/dataplane.js';
import {
  cidrBounds,
  formatAddress,
  mappedIpv4Block,
  parseCidr,
  stepAddress,
} from '../../../src/checks/netpol/address.js';
import type { NamespaceFacts, PodFacts, PolicyFacts } from '../../../src/checks/netpol/model.js';
import type { Endpoint } from '../../../src/checks/netpol/peers.js';
import { clusterNamedPorts, type Connection } from '../../../src/checks/netpol/ports.js';
import { Reachability, type SourcePod } from '../../../src/checks/netpol/reach.js';

export interface BruteInput {
  namespace: string;
  namespaces: NamespaceFacts[];
  pods: PodFacts[];
  extraAddresses: string[];
  extraPorts: number[];
}

function addresses(policies: readonly PolicyFacts[], extra: readonly string[]): string[] {
  const out = new Set([
    '169.254.169.254',
    '169.254.169.253',
    '169.254.169.255',
    '0.0.0.0',
    '255.255.255.255',
    '::',
    '10.0.0.10',
    ...extra,
  ]);
  for (const rule of policies.flatMap((p) => p.egress ?? []))
    for (const peer of rule.to ?? [])
      for (const text of peer.ipBlock ? [peer.ipBlock.cidr, ...(peer.ipBlock.except ?? [])] : []) {
        const written = parseCidr(text);
        const mapped = written && mappedIpv4Block(written);
        for (const cidr of [written, mapped]) {
          if (!cidr) continue;
          const [first, last] = cidrBounds(cidr);
          for (const a of [
            stepAddress(first, -1),
            first,
            stepAddress(first, 1),
            stepAddress(last, -1),
            last,
            stepAddress(last, 1),
          ])
            if (a) out.add(formatAddress(a));
        }
      }
  return [...out];
}

function ports(policies: readonly PolicyFacts[], extra: readonly number[]): number[] {
  const out = new Set([1, 53, 79, 80, 81, 443, 8080, 65535, ...extra]);
  for (const entry of policies.flatMap((p) => (p.egress ?? []).flatMap((r) => r.ports ?? []))) {
    if (typeof entry.port !== 'number') continue;
    const end = entry.endPort ?? entry.port;
    for (const p of [entry.port - 1, entry.port, entry.port + 1, end - 1, end, end + 1])
      if (p >= 1 && p <= 65535) out.add(p);
  }
  return [...out];
}

/** Every (source, destination, connection) whose egress answer goes from denied to allowed. */
export function bruteAdditions(
  input: BruteInput,
  before: readonly PolicyFacts[],
  after: readonly PolicyFacts[],
  planes: readonly DataPlane[],
): string[] {
  const all = [...before, ...after];
  const sources: SourcePod[] = [
    ...input.pods.filter((p) => p.namespace === input.namespace && !p.hostNetwork),
    { namespace: input.namespace, labels: {} },
  ];
  const podEndpoints = [
    ...input.pods.filter((p) => !p.hostNetwork),
    { namespace: input.namespace, name: 'new', labels: {}, hostNetwork: false },
    { namespace: 'elsewhere', name: 'new', labels: {}, hostNetwork: false },
  ].flatMap((p): Endpoint[] => {
    const base = {
      kind: 'pod' as const,
      namespace: p.namespace,
      labels: p.labels,
      ...(p.ports ? { ports: p.ports } : {}),
    };
    return [base, ...(p.ip ? [{ ...base, address: p.ip }] : [])];
  });
  const nodes = [...new Set(input.pods.flatMap((p) => (p.hostIP ? [p.hostIP] : [])))].flatMap(
    (address): Endpoint[] => [
      { kind: 'node', address },
      { kind: 'node', address, ownNode: true },
    ],
  );
  const destinations: Endpoint[] = [
    ...addresses(all, input.extraAddresses).map((address): Endpoint => ({
      kind: 'address',
      address,
    })),
    ...podEndpoints,
    ...nodes,
  ];
  // The pods' own port numbers too: named ports (on Cilium, of any pod) resolve to them.
  const podPorts = input.pods.flatMap((p) => (p.ports ?? []).map((c) => c.port));
  const connections: Connection[] = ports(all, [...input.extraPorts, ...podPorts]).flatMap((port) =>
    (['TCP', 'UDP', 'SCTP'] as const).map((protocol) => ({ protocol, port })),
  );
  const found: string[] = [];
  for (const plane of planes) {
    const clusterPorts = clusterNamedPorts(input.pods);
    const was = new Reachability(
      { namespaces: input.namespaces, policies: before, clusterPorts },
      plane,
    );
    const now = new Reachability(
      { namespaces: input.namespaces, policies: after, clusterPorts },
      plane,
    );
    for (const s of sources)
      for (const d of destinations)
        for (const c of connections)
          if (!was.egress(s, d, c).allowed && now.egress(s, d, c).allowed)
            found.push(
              `${plane.name}: ${JSON.stringify(s.labels)} → ${JSON.stringify(d)} ${c.protocol}/${c.port}`,
            );
  }
  return found;
}
