// An oracle written from the NetworkPolicy documentation (policyTypes defaulting, additive
// rules, ipBlock cidr minus except, ports with endPort, selector peers never matching an address),
// independent of src/checks/netpol, compared with the evaluator on random namespaces.
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { describe, expect, it } from 'vitest';
import { evaluateNamespace } from '../../../src/checks/imds/evaluate.js';
import { DATA_PLANES } from '../../../src/checks/netpol/dataplane.js';
import type {
  EgressRule,
  PodFacts,
  PolicyFacts,
  PolicyPort,
} from '../../../src/checks/netpol/model.js';
import type { LabelSelector } from '../../../src/model/label-selector.js';
import { NAMESPACES, NS, podsArb, policyArb } from './arbitraries.js';

const IMDS = ipaddr.parse('169.254.169.254');

function selects(sel: LabelSelector | undefined, labels: Record<string, string>): boolean {
  const s = sel ?? {};
  const pairs = Object.entries(s.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return (
    pairs &&
    (s.matchExpressions ?? []).every((e) => {
      const has = e.key in labels;
      const v = labels[e.key];
      if (e.operator === 'In') return has && (e.values ?? []).includes(v!);
      if (e.operator === 'NotIn') return !has || !(e.values ?? []).includes(v!);
      if (e.operator === 'Exists') return has;
      if (e.operator === 'DoesNotExist') return !has;
      return false;
    })
  );
}

function types(p: PolicyFacts): string[] {
  if (p.policyTypes && p.policyTypes.length > 0) return p.policyTypes;
  return (p.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

// Two readings of a CIDR: as written (an IPv6 block never holds an IPv4 address), and as Go's
// net package reads an IPv4-mapped IPv6 block (::ffff:a.b.c.d/96+n is a.b.c.d/n). The API
// server accepts both forms; engines are not documented to make one reading, so either counts.
type Reading = 'written' | 'go';

function holds(cidr: string, reading: Reading): boolean {
  try {
    const [net, bits] = ipaddr.parseCIDR(cidr);
    if (reading === 'go' && net.kind() === 'ipv6' && bits >= 96) {
      const v6 = net as ipaddr.IPv6;
      if (v6.isIPv4MappedAddress()) return IMDS.match(v6.toIPv4Address(), bits - 96);
    }
    return net.kind() === IMDS.kind() && IMDS.match(net, bits);
  } catch {
    return false;
  }
}

// A named port belongs to a pod, never an address; but Cilium gives an egress named port every
// number any pod of the cluster gives the name, and applies it to ipBlock peers too
// (cilium pkg/endpoint GetNamedPort: "egress needs named ports of all the pods").
type NamedEgress = (name: string, protocol: string) => boolean;
const NEVER: NamedEgress = () => false;

function portAdmits80(p: PolicyPort, named80: NamedEgress): boolean {
  if ((p.protocol ?? 'TCP') !== 'TCP') return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'string') return named80(p.port, p.protocol ?? 'TCP');
  return 80 >= p.port && 80 <= (p.endPort ?? p.port);
}

function ruleOpens(r: EgressRule, named80: NamedEgress): boolean {
  const ports = r.ports ?? [];
  if (ports.length > 0 && !ports.some((p) => portAdmits80(p, named80))) return false;
  const to = r.to ?? [];
  if (to.length === 0) return true;
  return to.some((peer) =>
    (['written', 'go'] as const).some(
      (reading) =>
        peer.ipBlock !== undefined &&
        holds(peer.ipBlock.cidr, reading) &&
        !(peer.ipBlock.except ?? []).some((e) => holds(e, reading)),
    ),
  );
}

const VALUES = [undefined, 'web', 'api', 'db', 'front', 'back', 'other'];
const LATER_LABELS: Array<Record<string, string>> = VALUES.flatMap((app) =>
  VALUES.map((tier) => ({
    ...(app === undefined ? {} : { app }),
    ...(tier === undefined ? {} : { tier }),
  })),
);

// Azure NPM is IPv4 only: a policy with an ipBlock (cidr or except) that is not IPv4 fails its
// translation and none of it is installed (azure-container-networking translatePolicy.go).
function ipv4Only(p: PolicyFacts): boolean {
  const peers = [
    ...(p.egress ?? []).flatMap((r) => r.to ?? []),
    ...(p.ingress ?? []).flatMap((r) => r.from ?? []),
  ];
  return peers.every((peer) =>
    [peer.ipBlock?.cidr, ...(peer.ipBlock?.except ?? [])].every(
      (t) => t === undefined || (ipaddr.isValidCIDR(t) && ipaddr.parseCIDR(t)[0].kind() === 'ipv4'),
    ),
  );
}

function oracle(stored: PolicyFacts[], pods: PodFacts[], cilium = false, npm = false) {
  const policies = npm ? stored.filter(ipv4Only) : stored;
  const named80: NamedEgress = cilium
    ? (name, protocol) =>
        pods.some((pod) =>
          (pod.ports ?? []).some(
            (c) => c.name === name && c.port === 80 && (c.protocol ?? 'TCP') === protocol,
          ),
        )
    : NEVER;
  const opens = (r: EgressRule) => ruleOpens(r, named80);
  const egress = policies.filter((p) => types(p).includes('Egress'));
  const subject = pods.filter((p) => p.namespace === NS && !p.hostNetwork);
  const reaches = (labels: Record<string, string>) => {
    const on = egress.filter((p) => selects(p.podSelector, labels));
    return on.length === 0 || on.some((p) => (p.egress ?? []).some(opens));
  };
  const isolated = (labels: Record<string, string>) =>
    egress.some((p) => selects(p.podSelector, labels));
  // A pod created later anywhere may name a port 80 after any egress named port: on Cilium such a
  // rule re-opens the endpoint for the verdict (about pods now and later), whatever pods say today.
  const later: NamedEgress = cilium ? () => true : NEVER;
  const reopened = egress.some((p) => (p.egress ?? []).some((r) => ruleOpens(r, later)));
  // Pods created later, whatever their labels, are covered when every label set is isolated:
  // tried over every set the arbitraries' selectors can tell apart (their keys, absent or with
  // any of their values or another one).
  const everyone = LATER_LABELS.every(isolated);
  let kind: string;
  if (egress.length === 0) kind = 'exposed';
  else if (reopened) kind = 'reopened';
  else if (subject.some((p) => !isolated(p.labels)) || !everyone) kind = 'partial';
  else kind = 'blocked';
  return {
    kind,
    reachable: subject.filter((p) => reaches(p.labels)).map((p) => p.name),
    newPodReaches: reaches({}),
  };
}

// policyArb always writes policyTypes; here they may also be left to the API server's default.
const policyMaybeImplicit = (name: string) =>
  fc.tuple(policyArb(name), fc.boolean()).map(([p, implicit]) => {
    if (!implicit) return p;
    const { policyTypes: _omitted, ...rest } = p;
    return rest;
  });
const world = fc.record({
  policies: fc
    .tuple(
      policyMaybeImplicit('p0'),
      policyMaybeImplicit('p1'),
      policyMaybeImplicit('p2'),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([a, b, c, n]) => [a, b, c].slice(0, n)),
  pods: podsArb,
});

describe('IMDS verdicts agree with an oracle written from the documentation', () => {
  it.each([DATA_PLANES.calico, DATA_PLANES['azure-npm'], DATA_PLANES.cilium])(
    'on $name',
    (plane) => {
      fc.assert(
        fc.property(world, ({ policies, pods }) => {
          const got = evaluateNamespace(NAMESPACES[0]!, policies, pods, { plane });
          const want = oracle(policies, pods, plane.name === 'cilium', plane.name === 'azure-npm');
          expect({
            kind: got.kind,
            reachable: got.reachable,
            newPodReaches: got.newPodReaches,
          }).toEqual(want);
        }),
        { numRuns: 400 },
      );
    },
  );

  it('adding a rule to a policy that already isolates egress never closes the endpoint for anyone', () => {
    fc.assert(
      fc.property(
        world,
        fc.nat(),
        policyArb('extra').map((p) => p.egress ?? []),
        ({ policies, pods }, at, rules) => {
          const explicit = policies.filter((p) => types(p).includes('Egress'));
          fc.pre(explicit.length > 0 && rules.length > 0);
          const target = explicit[at % explicit.length]!;
          const before = evaluateNamespace(NAMESPACES[0]!, policies, pods);
          const widened = policies.map((p) =>
            p === target
              ? { ...p, policyTypes: types(p), egress: [...(p.egress ?? []), ...rules] }
              : p,
          );
          const after = evaluateNamespace(NAMESPACES[0]!, widened, pods);
          for (const name of before.reachable) expect(after.reachable).toContain(name);
          if (before.newPodReaches) expect(after.newPodReaches).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
