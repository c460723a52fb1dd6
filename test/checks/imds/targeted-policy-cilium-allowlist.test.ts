import { expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits } from '../../../src/checks/imds/engine.js';
import { proposalsFor } from '../../../src/checks/imds/proposals.js';

// Cilium policy language (docs.cilium.io/en/stable/security/policy/language/, "Policy
// enforcement" and intro): allows from CiliumNetworkPolicies and NetworkPolicies add up, so a
// NetworkPolicy allowing "all but 169.254.169.254" next to a CiliumNetworkPolicy allow-list lets
// the pod out to everything. README (imds): "Where the engine's policies restrict a namespace the
// step offers no NetworkPolicy of its own there (it would widen them)". Here db-1 is already kept
// from the endpoint by its Cilium allow-list (only web pods), yet the step offers it a targeted
// policy "checked: nothing newly allowed" that opens the internet and every pod to it.
it('no targeted NetworkPolicy is offered for a pod a CiliumNetworkPolicy allow-list restricts', () => {
  const facts: ImdsFacts = {
    engine: {
      known: true,
      networkPlugin: 'azure',
      networkPolicy: 'cilium',
      networkDataplane: 'cilium',
      resourceGroup: 'rg',
      cluster: 'aks',
    },
    enginePolicies: [
      {
        engine: 'cilium',
        kind: 'CiliumNetworkPolicy',
        apiVersion: 'cilium.io/v2',
        served: true,
        objects: [
          {
            namespace: 'shop',
            name: 'db-allowlist',
            spec: {
              endpointSelector: { matchLabels: { app: 'db' } },
              egress: [{ toEndpoints: [{ matchLabels: { app: 'web' } }] }],
            },
          },
        ],
      },
    ],
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [
      {
        namespace: 'shop',
        name: 'web-1',
        labels: { app: 'web' },
        hostNetwork: false,
        ip: '10.244.0.5',
      },
      {
        namespace: 'shop',
        name: 'db-1',
        labels: { app: 'db' },
        hostNetwork: false,
        ip: '10.244.0.6',
      },
    ],
    policies: [
      {
        namespace: 'shop',
        name: 'web-egress',
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
              { namespaceSelector: {} },
            ],
          },
        ],
      },
    ],
  };
  const assessment = assessImds(facts);
  const shop = assessment.namespaces[0]!.verdict;
  expect(shop.reachable).toEqual([]); // db-1 is kept from the endpoint by Cilium already
  const offered = (proposalsFor(facts, assessment, engineTraits(facts.engine)).get('shop') ?? [])
    .filter((f) => f.offered)
    .map((f) => f.yaml);
  expect(offered.filter((y) => y.includes('app: db'))).toEqual([]);
  // It is left out with a plain reason naming the engine policy it would widen.
  const notes = (proposalsFor(facts, assessment, engineTraits(facts.engine)).get('shop') ?? [])
    .filter((f) => !f.offered)
    .flatMap((f) => f.notes);
  expect(notes.join('\n')).toMatch(/^Not offered: on Cilium, .*db-/m);
});
