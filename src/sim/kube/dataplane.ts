// The simulated cluster's data plane: whether a packet from a pod gets through, decided from the
// NetworkPolicies in the store, as the Kubernetes documentation describes enforcement and as the
// AKS engines differ. Written apart from the tool's own checks: the probe pods this answers are a
// second opinion, so nothing here is shared with src/checks.
import type { KubeObject } from '../contracts.js';
import { containsAddress, parseCidr } from './cidr.js';
import { R } from './resources.js';
import { fromSelectorObject, matchesLabels } from './selectors.js';
import type { Store } from './store.js';
import { arr, isRecord, pathGet, specOf, text } from './types.js';
import { calicoLetsOut, ciliumLetsOut, type K8sEgressSide } from './engine-policies.js';

/** The engine the cluster runs, and a planted defect (a test of disagreement). */
export interface SimDataPlane {
  engine: 'none' | 'calico' | 'azure' | 'cilium';
  /** A broken engine that drops every ipBlock `except` (so an excepted address gets through). */
  ignoresExcept?: boolean;
}

/** One connection attempt. */
export interface Flow {
  from: KubeObject;
  address: string;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  port: number;
}

type Target = { kind: 'pod'; pod: KubeObject } | { kind: 'node' } | { kind: 'outside' };

type Rec = Record<string, unknown>;

function labelsOf(o: KubeObject | undefined): Record<string, string> {
  return o?.metadata.labels ?? {};
}

function selects(selector: unknown, labels: Record<string, string>): boolean {
  // An absent selector in a stored policy is `{}` (every pod); an unreadable one selects nothing.
  try {
    return matchesLabels(fromSelectorObject(selector ?? {}) ?? [], labels);
  } catch {
    return false;
  }
}

/** What the address belongs to: a pod (not hostNetwork), a node, or something outside the cluster. */
function targetOf(store: Store, address: string): Target {
  const pod = store
    .list(R.pods)
    .find((p) => pathGet(p, ['status', 'podIP']) === address && specOf(p)['hostNetwork'] !== true);
  if (pod) return { kind: 'pod', pod };
  const node = store
    .list(R.nodes)
    .some((n) =>
      arr(pathGet(n, ['status', 'addresses'])).some((a) => isRecord(a) && a['address'] === address),
    );
  return node ? { kind: 'node' } : { kind: 'outside' };
}

/** The policy types in force: as stored, or the API server's default when none are stored. */
function typesOf(policy: KubeObject): string[] {
  const spec = specOf(policy);
  const written = arr(spec['policyTypes']).map(String);
  if (written.length > 0) return written;
  return arr(spec['egress']).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function addressIn(block: Rec, address: string, plane: SimDataPlane): boolean {
  const bits = address.includes(':') ? 128 : 32;
  const host = parseCidr(`${address}/${bits}`);
  const cidr = parseCidr(text(block['cidr'], ''));
  if (!host || !cidr || !containsAddress(cidr, host)) return false;
  if (plane.ignoresExcept) return true;
  return !arr(block['except']).some((e) => {
    const ex = parseCidr(String(e));
    return ex !== undefined && containsAddress(ex, host);
  });
}

/** Whether a peer of a policy in `policyNs` names the other end (`end` is a pod or an address). */
function peerNames(
  store: Store,
  peer: unknown,
  policyNs: string,
  end: { pod?: KubeObject; address: string; isPodOrNode: boolean },
  plane: SimDataPlane,
): boolean {
  if (!isRecord(peer)) return false;
  if (isRecord(peer['ipBlock'])) {
    // Cilium never lets an ipBlock stand for a pod's or a node's address.
    if (plane.engine === 'cilium' && end.isPodOrNode) return false;
    return addressIn(peer['ipBlock'], end.address, plane);
  }
  const pod = end.pod;
  if (!pod) return false;
  const podNs = pod.metadata.namespace ?? 'default';
  if (peer['namespaceSelector'] !== undefined) {
    const nsObj = store.get(R.namespaces, undefined, podNs);
    if (!selects(peer['namespaceSelector'], labelsOf(nsObj))) return false;
  } else if (peer['podSelector'] !== undefined) {
    if (podNs !== policyNs) return false;
  } else {
    return false;
  }
  return peer['podSelector'] === undefined || selects(peer['podSelector'], labelsOf(pod));
}

/** Whether a rule's ports let the flow through; named ports look at the containers of `namedOn`. */
function portsLet(ports: unknown[], flow: Flow, namedOn: readonly KubeObject[]): boolean {
  if (ports.length === 0) return true;
  return ports.some((entry) => {
    if (!isRecord(entry)) return false;
    if (text(entry['protocol'], 'TCP') !== flow.protocol) return false;
    const port = entry['port'];
    if (port === undefined || port === null) return true;
    if (typeof port === 'number') {
      const last = typeof entry['endPort'] === 'number' ? entry['endPort'] : port;
      return flow.port >= port && flow.port <= last;
    }
    return namedOn.some((pod) =>
      arr(specOf(pod)['containers']).some(
        (c) =>
          isRecord(c) &&
          arr(c['ports']).some(
            (p) =>
              isRecord(p) &&
              p['name'] === port &&
              p['containerPort'] === flow.port &&
              text(p['protocol'], 'TCP') === flow.protocol,
          ),
      ),
    );
  });
}

/**
 * Whether Azure NPM installs the policy: it translates IPv4 ipBlocks only, and a policy with any
 * other (IPv6, or IPv4-mapped IPv6 text) is refused whole, so it isolates nothing.
 */
function npmInstalls(policy: KubeObject): boolean {
  const spec = specOf(policy);
  const peers = [
    ...arr(spec['egress']).flatMap((r) => (isRecord(r) ? arr(r['to']) : [])),
    ...arr(spec['ingress']).flatMap((r) => (isRecord(r) ? arr(r['from']) : [])),
  ];
  return peers.every((peer) => {
    const block = isRecord(peer) ? peer['ipBlock'] : undefined;
    if (!isRecord(block)) return true;
    return [block['cidr'], ...arr(block['except'])].every(
      (t) => parseCidr(String(t))?.bits === 32 && !String(t).includes(':'),
    );
  });
}

/** One direction at one pod: isolated by any policy of that type, then let through by any rule. */
function side(
  store: Store,
  plane: SimDataPlane,
  at: KubeObject,
  direction: 'Egress' | 'Ingress',
  other: { pod?: KubeObject; address: string; isPodOrNode: boolean },
  flow: Flow,
): boolean {
  const ns = at.metadata.namespace ?? 'default';
  const isolating = store
    .list(R.networkpolicies, ns)
    .filter(
      (p) => typesOf(p).includes(direction) && selects(specOf(p)['podSelector'], labelsOf(at)),
    )
    .filter((p) => plane.engine !== 'azure' || npmInstalls(p));
  if (isolating.length === 0) return true;
  const rulesKey = direction === 'Egress' ? 'egress' : 'ingress';
  const peersKey = direction === 'Egress' ? 'to' : 'from';
  // Cilium resolves an egress named port against every pod of the cluster, whatever the peer
  // (its endpoint's GetNamedPort); the others against the destination pod's own containers.
  const namedOn =
    direction === 'Ingress'
      ? [at]
      : plane.engine === 'cilium'
        ? store.list(R.pods)
        : other.pod
          ? [other.pod]
          : [];
  const lets = (policy: KubeObject) =>
    arr(specOf(policy)[rulesKey]).some((rule) => {
      if (!isRecord(rule) || !portsLet(arr(rule['ports']), flow, namedOn)) return false;
      const peers = arr(rule[peersKey]);
      return peers.length === 0 || peers.some((peer) => peerNames(store, peer, ns, other, plane));
    });
  return isolating.some((policy) => lets(policy));
}

/** The NetworkPolicies at a pod's egress: those isolating it, and those whose rule lets the flow out. */
function egressSide(
  store: Store,
  plane: SimDataPlane,
  at: KubeObject,
  other: { pod?: KubeObject; address: string; isPodOrNode: boolean },
  flow: Flow,
): K8sEgressSide {
  const ns = at.metadata.namespace ?? 'default';
  const isolating = store
    .list(R.networkpolicies, ns)
    .filter(
      (p) => typesOf(p).includes('Egress') && selects(specOf(p)['podSelector'], labelsOf(at)),
    );
  const namedOn = plane.engine === 'cilium' ? store.list(R.pods) : other.pod ? [other.pod] : [];
  const allowing = isolating.filter((policy) =>
    arr(specOf(policy)['egress']).some((rule) => {
      if (!isRecord(rule) || !portsLet(arr(rule['ports']), flow, namedOn)) return false;
      const peers = arr(rule['to']);
      return peers.length === 0 || peers.some((peer) => peerNames(store, peer, ns, other, plane));
    }),
  );
  return { isolating, allowing };
}

/** The pod's egress: the NetworkPolicies, and on Cilium and Calico the engine's own policies too. */
function egressAllowed(
  store: Store,
  plane: SimDataPlane,
  flow: Flow,
  to: { pod?: KubeObject; address: string; isPodOrNode: boolean },
  kind: Target['kind'],
): boolean {
  if (plane.engine !== 'cilium' && plane.engine !== 'calico')
    return side(store, plane, flow.from, 'Egress', to, flow);
  const k8s = egressSide(store, plane, flow.from, to, flow);
  const end = { ...(to.pod ? { pod: to.pod } : {}), address: to.address, kind };
  return plane.engine === 'cilium'
    ? ciliumLetsOut(store, flow.from, end, flow, k8s)
    : calicoLetsOut(store, flow.from, end, flow, k8s);
}

/** Whether the flow gets through, and why, in a few words. */
export function decideFlow(
  store: Store,
  plane: SimDataPlane,
  flow: Flow,
): { allowed: boolean; why: string } {
  if (plane.engine === 'none') return { allowed: true, why: 'no policy engine' };
  if (specOf(flow.from)['hostNetwork'] === true) return { allowed: true, why: 'hostNetwork pod' };
  const target = targetOf(store, flow.address);
  const hostIP = text(pathGet(flow.from, ['status', 'hostIP']), '');
  if (plane.engine === 'azure' && target.kind === 'node' && flow.address === hostIP)
    return { allowed: true, why: 'Azure NPM never blocks a pod from its own node' };
  const to = {
    ...(target.kind === 'pod' ? { pod: target.pod } : {}),
    address: flow.address,
    isPodOrNode: target.kind !== 'outside',
  };
  if (!egressAllowed(store, plane, flow, to, target.kind))
    return { allowed: false, why: 'egress denied' };
  if (target.kind !== 'pod') return { allowed: true, why: 'egress allowed' };
  const from = {
    pod: flow.from,
    address: text(pathGet(flow.from, ['status', 'podIP']), ''),
    isPodOrNode: true,
  };
  return side(store, plane, target.pod, 'Ingress', from, flow)
    ? { allowed: true, why: 'egress and ingress allowed' }
    : { allowed: false, why: 'ingress denied' };
}
