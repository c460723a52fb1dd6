import { expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../src/checks/imds/assess.js';
import type { EngineKindRead } from '../../src/checks/imds/engine-kinds.js';
import type { EngineFacts } from '../../src/checks/imds/engine.js';

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

it.fails(
  'Cilium: a namespace-wide CiliumNetworkPolicy allow-list does not hide a NetworkPolicy rule that re-opens the endpoint for app=legacy pods',
  () => {
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
  },
);

it.fails(
  'Calico: a namespace-wide Calico policy at order 2000 does not hide a NetworkPolicy rule (order 1000) that re-opens the endpoint for app=legacy pods',
  () => {
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
  },
);
