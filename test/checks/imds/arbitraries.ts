// fast-check arbitraries for random, valid NetworkPolicies, pods and engines (property tests).
import fc from 'fast-check';
import type { EngineFacts } from '../../../src/checks/imds/engine.js';
import { isStrictSubset, parseCidr } from '../../../src/checks/netpol/address.js';
import type {
  ContainerPort,
  EgressRule,
  NamespaceFacts,
  PodFacts,
  PolicyFacts,
  PolicyPeer,
  PolicyPort,
} from '../../../src/checks/netpol/model.js';
import type { LabelSelector } from '../../../src/model/label-selector.js';

export const NS = 'shop';
export const NAMESPACES: NamespaceFacts[] = [
  { name: NS, labels: { 'kubernetes.io/metadata.name': NS, team: 'shop' } },
  { name: 'db', labels: { 'kubernetes.io/metadata.name': 'db', team: 'data' } },
];

const labelsArb = fc.record(
  { app: fc.constantFrom('web', 'api', 'db'), tier: fc.constantFrom('front', 'back') },
  { requiredKeys: [] },
);

const selectorArb: fc.Arbitrary<LabelSelector> = fc.oneof(
  fc.constant({}),
  labelsArb.map((matchLabels) => ({ matchLabels })),
  fc
    .record({
      key: fc.constantFrom('app', 'tier'),
      operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
      values: fc.subarray(['web', 'api', 'db', 'front', 'back'], { minLength: 1 }),
    })
    .map(({ key, operator, values }) => ({
      matchExpressions: [
        operator === 'In' || operator === 'NotIn' ? { key, operator, values } : { key, operator },
      ],
    })),
);

// CIDRs around the metadata endpoint and elsewhere, plus random ones.
const CIDRS = [
  '0.0.0.0/0',
  '169.254.169.254/32',
  '169.254.0.0/16',
  '169.254.169.0/24',
  '169.254.169.252/30',
  '128.0.0.0/1',
  '0.0.0.0/1',
  '10.0.0.0/8',
  '10.244.0.0/16',
  '168.63.129.16/32',
  '::/0',
  '2001:db8::/32',
  // IPv4-mapped IPv6: accepted by the API server, read as IPv4 by Go's net package.
  '::ffff:0:0/96',
  '::ffff:169.254.0.0/112',
];
export const cidrArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CIDRS) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
  },
);

const EXCEPTS = [
  '169.254.169.254/32',
  '169.254.0.0/16',
  '10.0.0.0/8',
  '169.254.169.252/30',
  '10.244.1.0/24',
  '2001:db8::/48',
  '::ffff:169.254.169.254/128',
  '::ffff:169.254.169.0/120',
];

const ipBlockArb: fc.Arbitrary<PolicyPeer> = fc
  .tuple(cidrArb, fc.subarray(EXCEPTS))
  .map(([cidr, candidates]) => {
    const block = parseCidr(cidr)!;
    const except = candidates.filter((e) => isStrictSubset(block, parseCidr(e)!));
    return { ipBlock: except.length > 0 ? { cidr, except } : { cidr } };
  });

export const peerArb: fc.Arbitrary<PolicyPeer> = fc.oneof(
  { weight: 3, arbitrary: ipBlockArb },
  { weight: 1, arbitrary: selectorArb.map((podSelector) => ({ podSelector })) },
  { weight: 1, arbitrary: selectorArb.map((namespaceSelector) => ({ namespaceSelector })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(selectorArb, selectorArb)
      .map(([podSelector, namespaceSelector]) => ({ podSelector, namespaceSelector })),
  },
);

export const portArb: fc.Arbitrary<PolicyPort> = fc.oneof(
  fc.record(
    { protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'), port: fc.constantFrom(53, 80, 443, 8080) },
    { requiredKeys: ['port'] },
  ),
  fc
    .tuple(
      fc.constantFrom('TCP', undefined),
      fc.integer({ min: 1, max: 2000 }),
      fc.integer({ min: 0, max: 65535 }),
    )
    .map(([protocol, port, span]) => ({
      ...(protocol ? { protocol } : {}),
      port,
      endPort: Math.min(65535, port + span),
    })),
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP'), port: fc.constantFrom('http', 'dns') }),
  fc.record({ protocol: fc.constantFrom('TCP', 'UDP', 'SCTP') }),
);

export const ruleArb: fc.Arbitrary<EgressRule> = fc.record(
  {
    to: fc.array(peerArb, { maxLength: 3 }),
    ports: fc.array(portArb, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

export const policyArb = (name: string): fc.Arbitrary<PolicyFacts> =>
  fc
    .record(
      {
        podSelector: selectorArb,
        policyTypes: fc.constantFrom<string[]>(['Egress'], ['Ingress', 'Egress'], ['Ingress']),
        egress: fc.array(ruleArb, { maxLength: 3 }),
      },
      { requiredKeys: ['podSelector', 'egress'] },
    )
    .map((spec) => ({ namespace: NS, name, ...spec }));

export const podsArb: fc.Arbitrary<PodFacts[]> = fc
  .array(
    fc.record({
      namespace: fc.constantFrom(NS, NS, 'db'),
      labels: labelsArb,
      hostNetwork: fc.constantFrom(false, false, false, false, true),
      ports: fc.constantFrom<ContainerPort[] | undefined>(
        undefined,
        [{ name: 'http', port: 8080 }],
        [{ name: 'dns', port: 53, protocol: 'UDP' }],
      ),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((pods) =>
    pods.map((p, i) => ({
      namespace: p.namespace,
      name: `pod-${i}`,
      labels: p.labels,
      hostNetwork: p.hostNetwork,
      ip: `10.244.0.${i + 10}`,
      hostIP: `10.224.0.${(i % 2) + 4}`,
      ...(p.ports ? { ports: p.ports } : {}),
    })),
  );

export const engineArb: fc.Arbitrary<EngineFacts> = fc.oneof(
  fc.constantFrom('calico', 'azure', 'cilium', 'none').map((networkPolicy): EngineFacts => ({
    known: true,
    resourceGroup: 'rg',
    cluster: 'aks',
    networkPlugin: 'azure',
    networkPolicy,
    ...(networkPolicy === 'cilium' ? { networkDataplane: 'cilium' } : {}),
  })),
  fc.constant<EngineFacts>({ known: false, why: 'kubeconfig only' }),
);

/** Up to three random policies in the namespace, with distinct names. */
export const policiesArb: fc.Arbitrary<PolicyFacts[]> = fc
  .tuple(policyArb('p0'), policyArb('p1'), policyArb('p2'), fc.integer({ min: 0, max: 3 }))
  .map(([a, b, c, n]) => [a, b, c].slice(0, n));
