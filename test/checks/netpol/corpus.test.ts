import { describe, expect, it } from 'vitest';
import { DATA_PLANES, type DataPlane } from '../../../src/checks/netpol/dataplane.js';
import type { NamespaceFacts, PolicyFacts } from '../../../src/checks/netpol/model.js';
import type { Endpoint } from '../../../src/checks/netpol/peers.js';
import type { Connection } from '../../../src/checks/netpol/ports.js';
import { Reachability, type SourcePod } from '../../../src/checks/netpol/reach.js';

// Cases written from the Kubernetes NetworkPolicy documentation (concepts/services-networking/
// network-policies and the networking/v1 API reference), plus the engine differences AKS
// documents. Each asks one question: can this pod open this connection to this destination?

const ns = (name: string, labels: Record<string, string> = {}): NamespaceFacts => ({
  name,
  labels: { 'kubernetes.io/metadata.name': name, ...labels },
});
const NAMESPACES = [ns('shop', { team: 'shop' }), ns('db', { team: 'data' }), ns('kube-system')];

type Spec = Omit<PolicyFacts, 'namespace' | 'name'>;
const policy = (name: string, spec: Spec, namespace = 'shop'): PolicyFacts => ({
  namespace,
  name,
  ...spec,
});
const web: SourcePod = { namespace: 'shop', labels: { app: 'web' }, address: '10.244.0.10' };
const address = (a: string): Endpoint => ({ kind: 'address', address: a });
const pod = (
  namespace: string,
  labels: Record<string, string>,
  extra: Partial<Extract<Endpoint, { kind: 'pod' }>> = {},
): Endpoint => ({ kind: 'pod', namespace, labels, ...extra });
const tcp = (port: number): Connection => ({ protocol: 'TCP', port });
const udp = (port: number): Connection => ({ protocol: 'UDP', port });

const IMDS = address('169.254.169.254');
const INTERNET = address('8.8.8.8');
const denyEgress = policy('deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
const allBut = (cidr: string, except: string[] = []) => ({ to: [{ ipBlock: { cidr, except } }] });

interface Case {
  name: string;
  policies: PolicyFacts[];
  from?: SourcePod;
  to: Endpoint;
  on: Connection;
  plane?: DataPlane;
  allowed: boolean;
  enforced?: boolean;
}

const cases: Case[] = [
  {
    name: 'no policy selects the pod: non-isolated, everything allowed',
    policies: [],
    to: IMDS,
    on: tcp(80),
    allowed: true,
  },
  {
    name: 'an Ingress-only policy does not isolate egress',
    policies: [policy('in', { podSelector: {}, policyTypes: ['Ingress'] })],
    to: IMDS,
    on: tcp(80),
    allowed: true,
  },
  {
    name: 'policyTypes omitted, no egress rules: defaults to Ingress only',
    policies: [policy('in', { podSelector: {}, ingress: [{}] })],
    to: INTERNET,
    on: tcp(443),
    allowed: true,
  },
  {
    name: 'policyTypes omitted with egress rules: Egress is added, the rest is denied',
    policies: [policy('p', { podSelector: {}, egress: [allBut('10.0.0.0/8')] })],
    to: INTERNET,
    on: tcp(443),
    allowed: false,
  },
  {
    name: 'default deny all egress (Egress type, no rules)',
    policies: [denyEgress],
    to: INTERNET,
    on: tcp(443),
    allowed: false,
  },
  {
    name: 'allow all egress: one empty rule',
    policies: [policy('all', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })],
    to: IMDS,
    on: tcp(80),
    allowed: true,
  },
  {
    name: 'empty `to` with ports: every destination, those ports only (80 allowed)',
    policies: [
      policy('web', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ protocol: 'TCP', port: 80 }] }],
      }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: true,
  },
  {
    name: 'empty `to` with ports 53 and 443 only: the metadata endpoint on 80 stays closed',
    policies: [
      policy('dns-https', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
              { protocol: 'TCP', port: 443 },
            ],
          },
        ],
      }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: false,
  },
  {
    name: 'policies add up: deny-all plus an allow for 10.0.0.0/8',
    policies: [
      denyEgress,
      policy('inside', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('10.0.0.0/8')],
      }),
    ],
    to: address('10.1.2.3'),
    on: tcp(5432),
    allowed: true,
  },
  {
    name: 'a policy selecting other labels leaves this pod non-isolated',
    policies: [
      policy('db-only', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Egress'] }),
    ],
    to: INTERNET,
    on: tcp(443),
    allowed: true,
  },
  {
    name: 'ipBlock 0.0.0.0/0 except the endpoint: the endpoint is closed',
    policies: [
      policy('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('0.0.0.0/0', ['169.254.169.254/32'])],
      }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: false,
  },
  {
    name: 'ipBlock 0.0.0.0/0 except the endpoint: the internet is open',
    policies: [
      policy('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('0.0.0.0/0', ['169.254.169.254/32'])],
      }),
    ],
    to: INTERNET,
    on: tcp(443),
    allowed: true,
  },
  {
    name: 'an except covering the whole link-local range closes the endpoint',
    policies: [
      policy('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('0.0.0.0/0', ['169.254.0.0/16'])],
      }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: false,
  },
  {
    name: 'an except of exactly the endpoint leaves its neighbour open',
    policies: [
      policy('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('169.254.0.0/16', ['169.254.169.254/32'])],
      }),
    ],
    to: address('169.254.169.253'),
    on: tcp(80),
    allowed: true,
  },
  {
    name: 'an IPv4 block never covers an IPv6 address',
    policies: [
      policy('v4', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('0.0.0.0/0')] }),
    ],
    to: address('2001:db8::1'),
    on: tcp(443),
    allowed: false,
  },
  {
    name: '::/0 covers IPv6 but not the IPv4 endpoint',
    policies: [
      policy('v6', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('::/0')] }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: false,
  },
  {
    name: "the AKS article's 10.10.0.0/0 means all of IPv4 (host bits ignored)",
    policies: [
      policy('p', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('10.10.0.0/0')] }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: true,
  },
  {
    name: 'a podSelector peer never matches an address outside the cluster',
    policies: [
      policy('pods', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: {} }] }],
      }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: false,
  },
  {
    name: 'a namespaceSelector {} peer never matches the metadata endpoint',
    policies: [
      policy('ns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }] }],
      }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: false,
  },
  {
    name: 'namespaceSelector {} selects pods in every namespace',
    policies: [
      policy('ns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }] }],
      }),
    ],
    to: pod('db', { app: 'postgres' }),
    on: tcp(5432),
    allowed: true,
  },
  {
    name: "podSelector alone selects pods of the policy's own namespace only",
    policies: [
      policy('same-ns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'postgres' } } }] }],
      }),
    ],
    to: pod('db', { app: 'postgres' }),
    on: tcp(5432),
    allowed: false,
  },
  {
    name: 'namespaceSelector and podSelector in one peer: both must match (AND)',
    policies: [
      policy('and', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { team: 'data' } },
                podSelector: { matchLabels: { app: 'redis' } },
              },
            ],
          },
        ],
      }),
    ],
    to: pod('db', { app: 'postgres' }),
    on: tcp(5432),
    allowed: false,
  },
  {
    name: 'namespaceSelector and podSelector as two peers: either may match (OR)',
    policies: [
      policy('or', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { namespaceSelector: { matchLabels: { team: 'data' } } },
              { podSelector: { matchLabels: { app: 'redis' } } },
            ],
          },
        ],
      }),
    ],
    to: pod('db', { app: 'postgres' }),
    on: tcp(5432),
    allowed: true,
  },
  {
    name: 'the automatic kubernetes.io/metadata.name label selects a namespace by name',
    policies: [
      policy('by-name', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                },
              },
            ],
          },
        ],
      }),
    ],
    to: pod('kube-system', { 'k8s-app': 'kube-dns' }),
    on: udp(53),
    allowed: true,
  },
  {
    name: 'a port range (endPort) includes its last port',
    policies: [
      policy('range', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ ipBlock: { cidr: '10.0.0.0/24' } }],
            ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }],
          },
        ],
      }),
    ],
    to: address('10.0.0.7'),
    on: tcp(32768),
    allowed: true,
  },
  {
    name: 'a port range (endPort) stops at its last port',
    policies: [
      policy('range', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ ipBlock: { cidr: '10.0.0.0/24' } }],
            ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }],
          },
        ],
      }),
    ],
    to: address('10.0.0.7'),
    on: tcp(32769),
    allowed: false,
  },
  {
    name: 'the range 1024-65535 to anywhere does not include port 80',
    policies: [
      policy('high', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ protocol: 'TCP', port: 1024, endPort: 65535 }] }],
      }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: false,
  },
  {
    name: 'a port without protocol is TCP: UDP 53 is not allowed by it',
    policies: [
      policy('dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 53 }] }],
      }),
    ],
    to: address('168.63.129.16'),
    on: udp(53),
    allowed: false,
  },
  {
    name: 'UDP 53 allows DNS over UDP',
    policies: [
      policy('dns', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ protocol: 'UDP', port: 53 }] }],
      }),
    ],
    to: address('168.63.129.16'),
    on: udp(53),
    allowed: true,
  },
  {
    name: 'a protocol-only port entry allows every port of that protocol',
    policies: [
      policy('sctp', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ protocol: 'SCTP' }] }],
      }),
    ],
    to: address('10.9.9.9'),
    on: { protocol: 'SCTP', port: 38412 },
    allowed: true,
  },
  {
    name: "a named port means the destination pod's container port of that name",
    policies: [
      policy('named', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 'http' }] }],
      }),
    ],
    to: pod('db', { app: 'api' }, { ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }),
    on: tcp(8080),
    allowed: true,
  },
  {
    name: 'a named port does not mean another number on the same pod',
    policies: [
      policy('named', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 'http' }] }],
      }),
    ],
    to: pod('db', { app: 'api' }, { ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }),
    on: tcp(80),
    allowed: false,
  },
  {
    name: 'a named port never matches an address that is not a pod (ipBlock peer)',
    policies: [
      policy('named', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'http' }] }],
      }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: false,
  },
  {
    name: 'a named port with the wrong protocol does not match',
    policies: [
      policy('named', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: 'TCP', port: 'dns' }] }],
      }),
    ],
    to: pod(
      'kube-system',
      { 'k8s-app': 'kube-dns' },
      { ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] },
    ),
    on: tcp(53),
    allowed: false,
  },
  {
    name: 'hostNetwork pods are outside NetworkPolicy',
    policies: [denyEgress],
    from: { namespace: 'shop', labels: { app: 'agent' }, hostNetwork: true },
    to: IMDS,
    on: tcp(80),
    allowed: true,
    enforced: false,
  },
  {
    name: 'a hostNetwork source is still judged by the destination pod’s ingress policies',
    policies: [policy('deny-in', { podSelector: {}, policyTypes: ['Ingress'] }, 'db')],
    from: {
      namespace: 'shop',
      labels: { app: 'agent' },
      hostNetwork: true,
      address: '10.224.0.4',
      node: 'node-a',
    },
    to: pod('db', { app: 'pg' }, { node: 'node-b' }),
    on: tcp(5432),
    allowed: false,
  },
  {
    name: 'a hostNetwork source may be judged as its pod: a selector matching its labels lets it in',
    policies: [
      policy(
        'agents-in',
        {
          podSelector: {},
          policyTypes: ['Ingress'],
          ingress: [
            { from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: 'agent' } } }] },
          ],
        },
        'db',
      ),
    ],
    from: {
      namespace: 'shop',
      labels: { app: 'agent' },
      hostNetwork: true,
      address: '10.224.0.4',
      node: 'node-a',
    },
    to: pod('db', { app: 'pg' }, { node: 'node-b' }),
    on: tcp(5432),
    allowed: true,
  },
  {
    name: 'a hostNetwork source on an unknown node may be the destination’s own node: not blocked',
    policies: [policy('deny-in', { podSelector: {}, policyTypes: ['Ingress'] }, 'db')],
    from: { namespace: 'shop', labels: { app: 'agent' }, hostNetwork: true, address: '10.224.0.4' },
    to: pod('db', { app: 'pg' }, { node: 'node-b' }),
    on: tcp(5432),
    allowed: true,
  },
  {
    name: 'a hostNetwork source to a pod on an unknown node may be on its node: not blocked',
    policies: [policy('deny-in', { podSelector: {}, policyTypes: ['Ingress'] }, 'db')],
    from: {
      namespace: 'shop',
      labels: { app: 'agent' },
      hostNetwork: true,
      address: '10.224.0.4',
      node: 'node-a',
    },
    to: pod('db', { app: 'pg' }),
    on: tcp(5432),
    allowed: true,
  },
  {
    name: 'a hostNetwork source judged as the node’s address: an ipBlock may admit it',
    policies: [
      policy(
        'in',
        {
          podSelector: {},
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: {} }] }],
        },
        'db',
      ),
      policy(
        'nodes',
        {
          podSelector: { matchLabels: { app: 'pg' } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ ipBlock: { cidr: '10.224.0.0/16' } }] }],
        },
        'db',
      ),
    ],
    from: { namespace: 'shop', labels: { app: 'agent' }, hostNetwork: true, address: '10.224.0.4' },
    to: pod('db', { app: 'pg' }),
    on: tcp(5432),
    allowed: true,
  },
  {
    name: 'traffic from the pod’s own node is always allowed in',
    policies: [policy('deny-in', { podSelector: {}, policyTypes: ['Ingress'] }, 'db')],
    from: {
      namespace: 'kube-system',
      labels: { app: 'agent' },
      hostNetwork: true,
      address: '10.224.0.4',
      node: 'node-a',
    },
    to: pod('db', { app: 'pg' }, { node: 'node-a' }),
    on: tcp(5432),
    allowed: true,
  },
  {
    name: 'with no engine, nothing is enforced',
    policies: [denyEgress],
    to: IMDS,
    on: tcp(80),
    plane: DATA_PLANES.none,
    allowed: true,
    enforced: false,
  },
  {
    name: 'Calico: an ipBlock matches a pod address inside it',
    policies: [
      policy('v4', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('0.0.0.0/0')] }),
    ],
    to: pod('db', { app: 'postgres' }, { address: '10.244.1.5' }),
    on: tcp(5432),
    allowed: true,
  },
  {
    name: 'Cilium: an ipBlock never matches a pod address, even inside it',
    policies: [
      policy('v4', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('0.0.0.0/0')] }),
    ],
    to: pod('db', { app: 'postgres' }, { address: '10.244.1.5' }),
    on: tcp(5432),
    plane: DATA_PLANES.cilium,
    allowed: false,
  },
  {
    name: 'Cilium: an ipBlock never matches a node address',
    policies: [
      policy('v4', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('0.0.0.0/0')] }),
    ],
    to: { kind: 'node', address: '10.224.0.4' },
    on: tcp(10250),
    plane: DATA_PLANES.cilium,
    allowed: false,
  },
  {
    name: 'Azure NPM: a pod may always reach its own node, even under deny-all',
    policies: [denyEgress],
    to: { kind: 'node', address: '10.224.0.4', ownNode: true },
    on: tcp(10250),
    plane: DATA_PLANES['azure-npm'],
    allowed: true,
  },
  {
    name: "the destination pod's default-deny ingress refuses what egress allows",
    policies: [policy('deny-in', { podSelector: {}, policyTypes: ['Ingress'] }, 'db')],
    to: pod('db', { app: 'postgres' }),
    on: tcp(5432),
    allowed: false,
  },
  {
    name: 'ingress from a namespaceSelector matching the source namespace',
    policies: [
      policy(
        'from-shop',
        {
          podSelector: { matchLabels: { app: 'postgres' } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'shop' } } }] }],
        },
        'db',
      ),
    ],
    to: pod('db', { app: 'postgres' }),
    on: tcp(5432),
    allowed: true,
  },
  {
    name: "an ingress named port resolves on the selected pod's own ports",
    policies: [
      policy(
        'in-named',
        { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'pg' }] }] },
        'db',
      ),
    ],
    to: pod('db', { app: 'postgres' }, { ports: [{ name: 'pg', port: 5432 }] }),
    on: tcp(5432),
    allowed: true,
  },
  {
    name: "a policy in another namespace does not touch this pod's egress",
    policies: [policy('deny-db', { podSelector: {}, policyTypes: ['Egress'] }, 'db')],
    to: IMDS,
    on: tcp(80),
    allowed: true,
  },
  {
    name: 'matchExpressions NotIn selects pods without the key, isolating them',
    policies: [
      policy('notin', {
        podSelector: {
          matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }],
        },
        policyTypes: ['Egress'],
      }),
    ],
    to: INTERNET,
    on: tcp(443),
    allowed: false,
  },
  {
    name: 'podSelector {} covers a pod created later with no labels',
    policies: [denyEgress],
    from: { namespace: 'shop', labels: {} },
    to: IMDS,
    on: tcp(80),
    allowed: false,
  },
  {
    name: 'several port entries of one rule: any may match',
    policies: [
      policy('multi', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 443 }, { protocol: 'TCP', port: 80 }] }],
      }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: true,
  },
  {
    name: 'an ipBlock peer and a selector peer in one rule: either may match',
    policies: [
      policy('mixed', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }, { ipBlock: { cidr: '169.254.169.254/32' } }] }],
      }),
    ],
    to: IMDS,
    on: tcp(80),
    allowed: true,
  },
];

describe('NetworkPolicy reachability, cases from the documentation', () => {
  it.each(cases)('$name', ({ policies, from, to, on, plane, allowed, enforced }) => {
    const reach = new Reachability(
      { namespaces: NAMESPACES, policies },
      plane ?? DATA_PLANES.calico,
    );
    const answer = reach.canConnect(from ?? web, to, on);
    expect(answer.allowed).toBe(allowed);
    expect(answer.enforced).toBe(enforced ?? true);
  });

  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it('names the rules that allow, and the policies that select', () => {
    const reach = new Reachability(
      {
        namespaces: NAMESPACES,
        policies: [
          denyEgress,
          policy('all', {
            podSelector: {},
            policyTypes: ['Egress'],
            egress: [{ to: [{ namespaceSelector: {} }] }, {}],
          }),
        ],
      },
      DATA_PLANES.calico,
    );
    const answer = reach.canConnect(web, IMDS, tcp(80));
    expect(answer.egress).toEqual({
      allowed: true,
      isolated: true,
      selectedBy: ['deny-egress', 'all'],
      allowedBy: [{ policy: 'all', rule: 1 }],
    });
  });
});
