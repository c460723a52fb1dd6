import { describe, expect, it } from 'vitest';
import { assessImds } from '../../../src/checks/imds/assess.js';
import type { EngineFacts } from '../../../src/checks/imds/engine.js';
import type { PolicyFacts } from '../../../src/checks/imds/facts.js';

// The engines AKS offers enforce their own policy kinds beside networking.k8s.io NetworkPolicy:
// Cilium's CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy add up with NetworkPolicies (an
// allow in either allows: docs.cilium.io policy language, "policies are additive"; AKS uses them
// for FQDN and L7 filtering), and Calico's projectcalico.org GlobalNetworkPolicy / NetworkPolicy
// with an order below 1000 are evaluated before Kubernetes policies and an Allow there ends the
// evaluation (docs.tigera.io, "policy order"). The step reads only NetworkPolicies, yet reports
// a namespace blocked with no finding at all: a pass resting on unread policies that can allow
// 169.254.169.254 (or, the other way, a cluster-wide deny it calls exposed).
const blockImds: PolicyFacts = {
  namespace: 'shop',
  name: 'block-imds',
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
};

function findingsOn(
  engine: EngineFacts,
  enginePolicies?: Array<{ kind: string; count: number }>,
): string[] {
  return assessImds({
    engine,
    ...(enginePolicies ? { enginePolicies } : {}),
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [{ namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false }],
    policies: [blockImds],
  }).findings.map((f) => `${f.message} ${f.remediation}`);
}

describe('imds: a namespace blocked by NetworkPolicies on an engine with its own policy kinds', () => {
  it('on Cilium, says that CiliumNetworkPolicies were not read', () => {
    const texts = findingsOn({
      known: true,
      networkPlugin: 'azure',
      networkPolicy: 'cilium',
      networkDataplane: 'cilium',
      resourceGroup: 'rg',
      cluster: 'aks',
    });
    expect(texts.some((t) => /CiliumNetworkPolicy|CiliumClusterwideNetworkPolicy/.test(t))).toBe(
      true,
    );
  });

  it('on Calico, says that Calico (projectcalico.org) policies were not read', () => {
    const texts = findingsOn({
      known: true,
      networkPlugin: 'azure',
      networkPolicy: 'calico',
      resourceGroup: 'rg',
      cluster: 'aks',
    });
    expect(texts.some((t) => /GlobalNetworkPolicy|projectcalico/.test(t))).toBe(true);
  });
});

describe('imds: the engine-policies finding', () => {
  const cilium: EngineFacts = {
    known: true,
    networkPlugin: 'azure',
    networkPolicy: 'cilium',
    networkDataplane: 'cilium',
    resourceGroup: 'rg',
    cluster: 'aks',
  };
  it('names the count when some were read, and is absent when none exist', () => {
    const texts = findingsOn(cilium, [{ kind: 'CiliumNetworkPolicy', count: 2 }]);
    expect(texts.some((t) => t.includes('2 CiliumNetworkPolicy exist and were not judged'))).toBe(
      true,
    );
    expect(
      findingsOn(cilium, [{ kind: 'CiliumNetworkPolicy', count: 0 }]).some((t) =>
        t.includes('CiliumNetworkPolicy'),
      ),
    ).toBe(false);
  });

  it('is not raised on Azure NPM, which has no policy kinds of its own', () => {
    const texts = findingsOn({ ...cilium, networkPolicy: 'azure', networkDataplane: undefined });
    expect(texts.some((t) => /CiliumNetworkPolicy|projectcalico/.test(t))).toBe(false);
  });
});
