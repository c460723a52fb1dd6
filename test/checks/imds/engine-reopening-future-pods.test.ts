import { expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { EngineKindRead } from '../../../src/checks/imds/engine-kinds.js';
import type { EngineFacts } from '../../../src/checks/imds/engine.js';

// A NetworkPolicy rule `egress: [{}]` for app=legacy allows every destination to pods with that
// label (kubernetes.io/docs/concepts/services-networking/network-policies/: policies add up). On
// Cilium allows of NetworkPolicies and CiliumNetworkPolicies add up (docs.cilium.io, security/
// policy/language); on Calico NetworkPolicies sit at order 1000 and their Allow decides before a
// Calico policy at order 2000 (docs.tigera.io, reference/resources/networkpolicy "order"). So a
// pod created later with app=legacy reaches 169.254.169.254 past the engine's namespace-wide
// allow-list. Without the engine policy the step reports imds.rule-reopens for that rule; with
// it, the namespace reads "blocked" (every pod, now and later) and the finding is gone.

const legacyAnywhere = {
  namespace: 'shop',
  name: 'legacy-anywhere',
  podSelector: { matchLabels: { app: 'legacy' } },
  policyTypes: ['Egress'],
  egress: [{}],
};

function assess(engine: EngineFacts, enginePolicies: EngineKindRead[]) {
  const facts: ImdsFacts = {
    engine,
    enginePolicies,
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [
      {
        namespace: 'shop',
        name: 'web-1',
        labels: { app: 'web' },
        hostNetwork: false,
        ip: '10.244.0.5',
      },
    ],
    policies: [legacyAnywhere],
  };
  const a = assessImds(facts);
  return { kind: a.namespaces[0]!.verdict.kind, ids: a.findings.map((f) => f.id) };
}

it('Cilium: a namespace-wide CiliumNetworkPolicy allow-list does not hide a NetworkPolicy rule that re-opens the endpoint for app=legacy pods', () => {
  const r = assess(
    {
      known: true,
      networkPlugin: 'azure',
      networkPolicy: 'cilium',
      networkDataplane: 'cilium',
      resourceGroup: 'rg',
      cluster: 'aks',
    },
    [
      {
        engine: 'cilium',
        kind: 'CiliumNetworkPolicy',
        apiVersion: 'cilium.io/v2',
        served: true,
        objects: [
          {
            namespace: 'shop',
            name: 'in-namespace-only',
            spec: { endpointSelector: {}, egress: [{ toEndpoints: [{}] }] },
          },
        ],
      },
    ],
  );
  expect(r.kind).not.toBe('blocked');
  expect(r.ids).toContain('imds.rule-reopens');
});

it('Calico: a namespace-wide Calico policy at order 2000 does not hide a NetworkPolicy rule (order 1000) that re-opens the endpoint for app=legacy pods', () => {
  const r = assess(
    {
      known: true,
      networkPlugin: 'azure',
      networkPolicy: 'calico',
      resourceGroup: 'rg',
      cluster: 'aks',
    },
    [
      {
        engine: 'calico',
        kind: 'NetworkPolicy',
        apiVersion: 'crd.projectcalico.org/v1',
        served: true,
        objects: [
          {
            namespace: 'shop',
            name: 'pods-only',
            spec: {
              selector: 'all()',
              order: 2000,
              types: ['Egress'],
              egress: [{ action: 'Allow', destination: { selector: 'all()' } }],
            },
          },
        ],
      },
    ],
  );
  expect(r.kind).not.toBe('blocked');
  expect(r.ids).toContain('imds.rule-reopens');
});

const CILIUM: EngineFacts = {
  known: true,
  networkPlugin: 'azure',
  networkPolicy: 'cilium',
  networkDataplane: 'cilium',
  resourceGroup: 'rg',
  cluster: 'aks',
};
const CALICO: EngineFacts = {
  known: true,
  networkPlugin: 'azure',
  networkPolicy: 'calico',
  resourceGroup: 'rg',
  cluster: 'aks',
};

it('Cilium: a namespace-wide egressDeny to world wins over the re-opening rule for every pod: blocked, no finding', () => {
  const r = assess(CILIUM, [
    {
      engine: 'cilium',
      kind: 'CiliumNetworkPolicy',
      apiVersion: 'cilium.io/v2',
      served: true,
      objects: [
        {
          namespace: 'shop',
          name: 'no-world',
          spec: {
            endpointSelector: {},
            egress: [{ toEndpoints: [{}] }],
            egressDeny: [{ toEntities: ['world'] }],
          },
        },
      ],
    },
  ]);
  expect(r.kind).toBe('blocked');
  expect(r.ids).not.toContain('imds.rule-reopens');
});

it('Calico: a namespace-wide Deny ordered before the NetworkPolicies (order 100) wins: blocked', () => {
  const r = assess(CALICO, [
    {
      engine: 'calico',
      kind: 'NetworkPolicy',
      apiVersion: 'crd.projectcalico.org/v1',
      served: true,
      objects: [
        {
          namespace: 'shop',
          name: 'deny-first',
          spec: {
            selector: 'all()',
            order: 100,
            types: ['Egress'],
            egress: [
              { action: 'Deny', destination: { nets: ['169.254.169.254/32'] } },
              { action: 'Allow', destination: { selector: 'all()' } },
            ],
          },
        },
      ],
    },
  ]);
  expect(r.kind).toBe('blocked');
  expect(r.ids).not.toContain('imds.rule-reopens');
});

it('Calico: the same Deny at order 2000 comes after the NetworkPolicy allow: the rule still re-opens', () => {
  const r = assess(CALICO, [
    {
      engine: 'calico',
      kind: 'NetworkPolicy',
      apiVersion: 'crd.projectcalico.org/v1',
      served: true,
      objects: [
        {
          namespace: 'shop',
          name: 'deny-late',
          spec: {
            selector: 'all()',
            order: 2000,
            types: ['Egress'],
            egress: [{ action: 'Deny', destination: { nets: ['169.254.169.254/32'] } }],
          },
        },
      ],
    },
  ]);
  expect(r.kind).not.toBe('blocked');
  expect(r.ids).toContain('imds.rule-reopens');
});

it('Cilium: a deny only for app=other pods does not hold app=legacy pods: the rule still re-opens', () => {
  const r = assess(CILIUM, [
    {
      engine: 'cilium',
      kind: 'CiliumNetworkPolicy',
      apiVersion: 'cilium.io/v2',
      served: true,
      objects: [
        {
          namespace: 'shop',
          name: 'in-namespace-only',
          spec: { endpointSelector: {}, egress: [{ toEndpoints: [{}] }] },
        },
        {
          namespace: 'shop',
          name: 'deny-other',
          spec: {
            endpointSelector: { matchLabels: { app: 'other' } },
            egressDeny: [{ toEntities: ['world'] }],
          },
        },
      ],
    },
  ]);
  expect(r.kind).not.toBe('blocked');
  expect(r.ids).toContain('imds.rule-reopens');
});
