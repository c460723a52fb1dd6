import { describe, expect, it } from 'vitest';
import { assessImds } from '../../src/checks/imds/assess.js';
import type { PodFacts, PolicyFacts } from '../../src/checks/imds/facts.js';

// Cilium resolves a named port of an EGRESS rule from the named ports of every pod in the
// cluster (cilium/cilium pkg/endpoint: GetNamedPort, "egress needs named ports of all the pods"),
// and the number it finds applies to every destination the rule's peers select, CIDR peers
// included. So on Azure CNI Powered by Cilium, `to: 0.0.0.0/0, ports: [http]` with a pod that
// names port 80 `http` lets pods open 169.254.169.254:80 (learn.microsoft.com/azure/aks/use-network-policies:
// Cilium is the engine; kubernetes.io network-policies: `port` "can either be a numerical or named port").
describe('imds on Cilium: an egress rule to 0.0.0.0/0 on a named port that some pod names 80', () => {
  it.fails('is not judged blocked', () => {
    const web: PodFacts = {
      namespace: 'shop',
      name: 'web-1',
      labels: { app: 'web' },
      hostNetwork: false,
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    };
    const policy: PolicyFacts = {
      namespace: 'shop',
      name: 'web-out-http',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'http' }] }],
    };
    const assessment = assessImds({
      engine: {
        known: true,
        networkPlugin: 'azure',
        networkPolicy: 'cilium',
        networkDataplane: 'cilium',
        resourceGroup: 'rg',
        cluster: 'aks',
      },
      namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
      pods: [web],
      policies: [policy],
    });
    const verdict = assessment.namespaces.find((a) => a.verdict.namespace === 'shop')!.verdict;
    expect(verdict.kind).not.toBe('blocked');
  });
});
