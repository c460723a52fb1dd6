// With the policy engine unknown, the verdict is worked out with Calico's semantics only and worded
// "△ blocked if enforced". Two engines AKS may run enforce and still let pods reach
// 169.254.169.254 for these namespaces, so "blocked if enforced" is false for them:
// - Azure NPM installs none of a policy with a non-IPv4 ipBlock (the project's own dataplane model),
//   so an egress lockdown that also lists an IPv6 block isolates nothing there;
// - Cilium resolves an egress named port against every pod of the cluster and applies it to ipBlock
//   peers too (the project's own dataplane model), so "anywhere on port http" reaches the endpoint
//   once any pod names port 80 "http".
// A verdict under an unknown engine is blocked only if it is blocked on every engine that may run.
// Fixed: the verdict is the most open one over every enforcing engine.
// Spec: https://learn.microsoft.com/azure/aks/use-network-policies (engines and their limits);
// https://kubernetes.io/docs/concepts/services-networking/network-policies/ (isolation and named ports).
import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { PodFacts, PolicyFacts } from '../../../src/checks/imds/facts.js';

const facts = (policy: PolicyFacts, more: PodFacts[] = []): ImdsFacts => ({
  engine: { known: false, why: 'the cluster was not read from ARM' },
  namespaces: [
    { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } },
    { name: 'web', labels: { 'kubernetes.io/metadata.name': 'web' } },
  ],
  pods: [{ namespace: 'shop', name: 'api-1', labels: { app: 'api' }, hostNetwork: false }, ...more],
  policies: [policy],
});

const NPM = {
  known: true as const,
  networkPlugin: 'azure',
  networkPolicy: 'azure',
  resourceGroup: 'rg',
  cluster: 'aks',
};
const CILIUM = { ...NPM, networkPolicy: 'cilium', networkDataplane: 'cilium' };

const shop = (f: ImdsFacts) =>
  assessImds(f).namespaces.find((a) => a.verdict.namespace === 'shop')!.verdict.kind;

describe('imds with the engine unknown', () => {
  it('does not judge blocked a lockdown Azure NPM would not install', () => {
    const lockdown: PolicyFacts = {
      namespace: 'shop',
      name: 'egress-lockdown',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { ipBlock: { cidr: 'fd00::/8' } }] }],
    };
    // Context: with the engine known to be NPM, the step itself says so.
    expect(shop({ ...facts(lockdown), engine: NPM })).toBe('exposed');
    expect(shop(facts(lockdown))).not.toBe('blocked');
  });

  it('does not judge blocked a rule Cilium opens to the endpoint by a named port', () => {
    const namedHttp: PolicyFacts = {
      namespace: 'shop',
      name: 'out-on-http',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ ports: [{ port: 'http' }] }],
    };
    const nginx: PodFacts = {
      namespace: 'web',
      name: 'nginx-1',
      labels: { app: 'nginx' },
      hostNetwork: false,
      ports: [{ name: 'http', port: 80 }],
    };
    // Context: with the engine known to be Cilium, the step itself says so.
    expect(shop({ ...facts(namedHttp, [nginx]), engine: CILIUM })).toBe('reopened');
    expect(shop(facts(namedHttp, [nginx]))).not.toBe('blocked');
  });
});
