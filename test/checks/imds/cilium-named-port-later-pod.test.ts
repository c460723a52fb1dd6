// On Cilium (the project's own model, netpol/dataplane.ts: an egress named port means every number
// any pod of the cluster gives that name, and applies to ipBlock peers too), a rule "anywhere on
// port http" keeps 169.254.169.254:80 closed only while no pod anywhere names port 80 "http". The
// step judges the namespace blocked, "every pod, now and later, is kept from 169.254.169.254:80",
// yet the next nginx deployed in any namespace (port 80 named http, the usual choice) re-opens the
// endpoint for every pod here, with no change to this namespace. A verdict about pods created
// later cannot rest on the named ports of today's pods.
// Spec: https://kubernetes.io/docs/concepts/services-networking/network-policies/ (NetworkPolicyPort:
// a named port is resolved against the pods' ports, which change as pods come and go);
// https://docs.cilium.io/en/stable/security/policy/language/ (named ports in egress).
import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { PodFacts } from '../../../src/checks/imds/facts.js';

const facts = (more: PodFacts[]): ImdsFacts => ({
  engine: {
    known: true,
    networkPlugin: 'azure',
    networkPolicy: 'cilium',
    networkDataplane: 'cilium',
    resourceGroup: 'rg',
    cluster: 'aks',
  },
  namespaces: [
    { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } },
    { name: 'web', labels: { 'kubernetes.io/metadata.name': 'web' } },
  ],
  pods: [{ namespace: 'shop', name: 'api-1', labels: { app: 'api' }, hostNetwork: false }, ...more],
  policies: [
    {
      namespace: 'shop',
      name: 'out-on-http',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ ports: [{ port: 'http' }] }],
    },
  ],
  enginePolicies: [],
});

const shop = (f: ImdsFacts) =>
  assessImds(f).namespaces.find((a) => a.verdict.namespace === 'shop')!.verdict.kind;

describe('imds on Cilium: an egress rule on a named port, anywhere', () => {
  it('is not judged blocked for pods now and later while a new pod elsewhere re-opens it', () => {
    const nginx: PodFacts = {
      namespace: 'web',
      name: 'nginx-1',
      labels: { app: 'nginx' },
      hostNetwork: false,
      ports: [{ name: 'http', port: 80 }],
    };
    // Context: once such a pod exists, the step itself says the rule re-opens the endpoint.
    expect(shop(facts([nginx]))).toBe('reopened');
    // Correct: before it exists, "blocked, now and later" is not what the policies guarantee.
    expect(shop(facts([]))).not.toBe('blocked');
  });
});
