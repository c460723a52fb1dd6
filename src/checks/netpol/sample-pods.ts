// The pods and nodes a reachability sample asks about (see sample.ts).
import { DATA_PLANES } from './dataplane.js';
import type { PodFacts, PolicyPeer } from './model.js';
import { peerMatches, type Endpoint } from './peers.js';
import type { SampleInput, SampledDestination } from './sample.js';

/**
 * Pods grouped by what every selector peer says about them and by the numbers of the named ports
 * the rules use: pods in one group are alike to every rule but for their address. Each group
 * gives a stand-in without an address (to find what selectors add) and one with a real address.
 */
export function podDestinations(
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
export function nodeDestinations(pods: readonly PodFacts[]): SampledDestination[] {
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
