// The engines' own policies read twice: the simulator's data plane (src/sim, the probe's second
// opinion) and the tool's judgement (src/checks/imds) must agree, pod by pod, on whether TCP
// 169.254.169.254:80 gets out, for cases written from Cilium's and Calico's documentation.
import { describe, expect, it } from 'vitest';
import { assessImds } from '../../src/checks/imds/assess.js';
import type { EngineFacts } from '../../src/checks/imds/engine.js';
import type { PolicyFacts } from '../../src/checks/imds/facts.js';
import { SimClock } from '../../src/sim/clock.js';
import type { KubeObject } from '../../src/sim/contracts.js';
import { decideFlow } from '../../src/sim/kube/dataplane.js';
import { createKubeApi } from '../../src/sim/kube/index.js';
import { R } from '../../src/sim/kube/resources.js';
import { TokenTable } from '../../src/sim/tokens.js';

type Engine = 'cilium' | 'calico';

interface Case {
  name: string;
  engine: Engine;
  k8s: PolicyFacts[];
  /** Engine objects: kind, cluster-wide or not, name, spec. */
  own: Array<{ kind: string; global?: boolean; name: string; spec: Record<string, unknown> }>;
}

const allButImds: PolicyFacts = {
  namespace: 'shop',
  name: 'block-imds',
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [
    {
      to: [
        { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
        { namespaceSelector: {} },
      ],
    },
  ],
};
const openAll: PolicyFacts = { ...allButImds, name: 'open', egress: [{}] };

const CASES: Case[] = [
  {
    name: 'cilium deny wins over an allow-all NetworkPolicy',
    engine: 'cilium',
    k8s: [openAll],
    own: [
      {
        kind: 'CiliumClusterwideNetworkPolicy',
        global: true,
        name: 'no-imds',
        spec: { endpointSelector: {}, egressDeny: [{ toCIDR: ['169.254.169.254/32'] }] },
      },
    ],
  },
  {
    name: 'cilium allow to world beside our policy re-opens it for web',
    engine: 'cilium',
    k8s: [allButImds],
    own: [
      {
        kind: 'CiliumNetworkPolicy',
        name: 'web-world',
        spec: {
          endpointSelector: { matchLabels: { app: 'web' } },
          egress: [{ toEntities: ['world'] }],
        },
      },
    ],
  },
  {
    name: 'cilium DNS-only egress isolates and blocks',
    engine: 'cilium',
    k8s: [],
    own: [
      {
        kind: 'CiliumNetworkPolicy',
        name: 'dns',
        spec: {
          endpointSelector: {},
          egress: [
            { toEntities: ['cluster'], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] },
          ],
        },
      },
    ],
  },
  {
    name: 'cilium deny on port 443 only, default deny off: open',
    engine: 'cilium',
    k8s: [],
    own: [
      {
        kind: 'CiliumNetworkPolicy',
        name: 'soft',
        spec: {
          endpointSelector: {},
          enableDefaultDeny: { egress: false },
          egressDeny: [{ toCIDR: ['169.254.169.254/32'], toPorts: [{ ports: [{ port: '443' }] }] }],
        },
      },
    ],
  },
  {
    name: 'calico deny first wins over an allow-all NetworkPolicy',
    engine: 'calico',
    k8s: [openAll],
    own: [
      {
        kind: 'GlobalNetworkPolicy',
        global: true,
        name: 'deny-imds',
        spec: {
          order: 10,
          selector: 'all()',
          types: ['Egress'],
          egress: [
            {
              action: 'Deny',
              protocol: 'TCP',
              destination: { nets: ['169.254.169.254/32'], ports: [80] },
            },
            { action: 'Pass' },
          ],
        },
      },
    ],
  },
  {
    name: 'calico allow before our policy re-opens it for web',
    engine: 'calico',
    k8s: [allButImds],
    own: [
      {
        kind: 'NetworkPolicy',
        name: 'egress-all',
        spec: {
          order: 100,
          selector: "app == 'web'",
          types: ['Egress'],
          egress: [{ action: 'Allow', destination: { nets: ['0.0.0.0/0'] } }],
        },
      },
    ],
  },
  {
    name: 'calico DNS-only policy alone: the tier drops the endpoint',
    engine: 'calico',
    k8s: [],
    own: [
      {
        kind: 'NetworkPolicy',
        name: 'dns-only',
        spec: {
          selector: 'all()',
          types: ['Egress'],
          egress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: [53] } }],
        },
      },
    ],
  },
];

const PODS = [
  { name: 'web-1', labels: { app: 'web' }, ip: '10.244.0.5' },
  { name: 'db-1', labels: { app: 'db' }, ip: '10.244.0.6' },
];

const ENGINE_FACTS: Record<Engine, EngineFacts> = {
  cilium: {
    known: true,
    networkPlugin: 'azure',
    networkPolicy: 'cilium',
    networkDataplane: 'cilium',
    resourceGroup: 'rg',
    cluster: 'aks',
  },
  calico: {
    known: true,
    networkPlugin: 'azure',
    networkPolicy: 'calico',
    resourceGroup: 'rg',
    cluster: 'aks',
  },
};

function apiVersionOf(engine: Engine): string {
  return engine === 'cilium' ? 'cilium.io/v2' : 'crd.projectcalico.org/v1';
}

describe.each(CASES)('$name', (c) => {
  it('the simulator and the judgement agree for every pod', () => {
    const api = createKubeApi({ clock: new SimClock(1), minor: '31', tokens: new TokenTable() });
    const nsLabels = { 'kubernetes.io/metadata.name': 'shop' };
    const objects: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: nsLabels } },
      ...PODS.map((p): KubeObject => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: p.name, namespace: 'shop', labels: p.labels },
        spec: { containers: [{ name: 'c', image: 'x' }] },
        status: { podIP: p.ip },
      })),
      ...c.k8s.map((p): KubeObject => ({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: p.name, namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: p.policyTypes ?? [], egress: p.egress ?? [] },
      })),
      ...c.own.map((o): KubeObject => ({
        apiVersion: apiVersionOf(c.engine),
        kind: o.kind,
        metadata: { name: o.name, ...(o.global ? {} : { namespace: 'shop' }) },
        spec: o.spec,
      })),
    ];
    api.world.load(objects);
    const assessment = assessImds({
      engine: ENGINE_FACTS[c.engine],
      namespaces: [{ name: 'shop', labels: nsLabels }],
      pods: PODS.map((p) => ({ namespace: 'shop', ...p, hostNetwork: false })),
      policies: c.k8s,
      enginePolicies: [
        {
          engine: c.engine,
          kind: c.engine === 'cilium' ? 'CiliumNetworkPolicy' : 'NetworkPolicy',
          apiVersion: apiVersionOf(c.engine),
          served: true,
          objects: c.own
            .filter((o) => !o.global)
            .map((o) => ({ namespace: 'shop', name: o.name, spec: o.spec })),
        },
        {
          engine: c.engine,
          kind: c.engine === 'cilium' ? 'CiliumClusterwideNetworkPolicy' : 'GlobalNetworkPolicy',
          apiVersion: apiVersionOf(c.engine),
          served: true,
          objects: c.own.filter((o) => o.global).map((o) => ({ name: o.name, spec: o.spec })),
        },
      ],
    });
    const verdict = assessment.namespaces[0]!.verdict;
    expect(verdict.engine?.unknown ?? []).toEqual([]);
    const judged = new Set(
      verdict.kind === 'exposed' && !verdict.engine ? PODS.map((p) => p.name) : verdict.reachable,
    );
    for (const p of PODS) {
      const stored = api.context.store.get(R.pods, 'shop', p.name)!;
      const sim = decideFlow(
        api.context.store,
        { engine: c.engine },
        { from: stored, address: '169.254.169.254', protocol: 'TCP', port: 80 },
      );
      expect(sim.allowed, `${p.name}: sim ${sim.why}`).toBe(judged.has(p.name));
    }
  });
});
