import { expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits } from '../../../src/checks/imds/engine.js';
import { proposalsFor } from '../../../src/checks/imds/proposals.js';

// Calico policy ordering (docs.tigera.io/calico/latest/network-policy/get-started/calico-policy/
// network-policy-best-practices and reference/resources/networkpolicy "order"): Kubernetes
// NetworkPolicies sit at order 1000 in the default tier and the first Allow/Deny decides. A
// targeted NetworkPolicy "all but 169.254.169.254" for db-1, whose Calico policy at order 2000
// denies 10.0.0.0/8 then allows the rest, (a) lets db-1 reach 10.0.0.0/8, which Calico denied,
// and (b) does not close the endpoint: the packet to 169.254.169.254 matches no rule of the
// NetworkPolicy and goes on to the Calico policy's Allow. The step offers it as checked and safe.
it('no targeted NetworkPolicy is offered for a pod a later-ordered Calico policy restricts', () => {
  const facts: ImdsFacts = {
    engine: {
      known: true,
      networkPlugin: 'azure',
      networkPolicy: 'calico',
      resourceGroup: 'rg',
      cluster: 'aks',
    },
    enginePolicies: [
      {
        engine: 'calico',
        kind: 'NetworkPolicy',
        apiVersion: 'crd.projectcalico.org/v1',
        served: true,
        objects: [
          {
            namespace: 'shop',
            name: 'db-no-internal',
            spec: {
              selector: "app == 'db'",
              order: 2000,
              types: ['Egress'],
              egress: [
                { action: 'Deny', destination: { nets: ['10.0.0.0/8'] } },
                { action: 'Allow' },
              ],
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
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
      },
    ],
  };
  const assessment = assessImds(facts);
  expect(assessment.namespaces[0]!.verdict.reachable).toEqual(['db-1']);
  const offered = (proposalsFor(facts, assessment, engineTraits(facts.engine)).get('shop') ?? [])
    .filter((f) => f.offered)
    .map((f) => f.yaml);
  expect(offered.filter((y) => y.includes('app: db'))).toEqual([]);
  // It is left out with a plain reason naming the engine policy it would widen.
  const notes = (proposalsFor(facts, assessment, engineTraits(facts.engine)).get('shop') ?? [])
    .filter((f) => !f.offered)
    .flatMap((f) => f.notes);
  expect(notes.join('\n')).toMatch(/^Not offered: on Calico, .*db-/m);
});
