import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { EngineFacts } from '../../../src/checks/imds/engine.js';
import type { ContainerPort, PodFacts, PolicyFacts } from '../../../src/checks/imds/facts.js';
import { ruleFixes } from '../../../src/checks/imds/proposals.js';

// Cilium resolves a named port of an EGRESS rule from the named ports of every pod in the
// cluster (cilium/cilium pkg/endpoint: GetNamedPort, "egress needs named ports of all the pods"),
// and the number it finds applies to every destination the rule's peers select, CIDR peers
// included. So on Azure CNI Powered by Cilium, `to: 0.0.0.0/0, ports: [http]` with a pod that
// names port 80 `http` lets pods open 169.254.169.254:80 (learn.microsoft.com/azure/aks/use-network-policies:
// Cilium is the engine; kubernetes.io network-policies: `port` "can either be a numerical or named port").
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

const policy: PolicyFacts = {
  namespace: 'shop',
  name: 'web-out-http',
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'http' }] }],
};

function pod(namespace: string, name: string, ports: ContainerPort[]): PodFacts {
  return { namespace, name, labels: { app: name }, hostNetwork: false, ports };
}

function factsWith(engine: EngineFacts, pods: PodFacts[]): ImdsFacts {
  return {
    engine,
    namespaces: ['shop', 'other'].map((name) => ({
      name,
      labels: { 'kubernetes.io/metadata.name': name },
    })),
    pods,
    policies: [policy],
  };
}

function verdictOf(facts: ImdsFacts) {
  return assessImds(facts).namespaces.find((a) => a.verdict.namespace === 'shop')!.verdict;
}

describe('imds on Cilium: an egress rule to 0.0.0.0/0 on a named port', () => {
  it('is not judged blocked when some pod names port 80 so', () => {
    const web: PodFacts = {
      namespace: 'shop',
      name: 'web-1',
      labels: { app: 'web' },
      hostNetwork: false,
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    };
    const assessment = assessImds({
      engine: CILIUM,
      namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
      pods: [web],
      policies: [policy],
    });
    const verdict = assessment.namespaces.find((a) => a.verdict.namespace === 'shop')!.verdict;
    expect(verdict.kind).not.toBe('blocked');
  });

  it('reopens it when a pod of another namespace names 80 so, and says why', () => {
    const facts = factsWith(CILIUM, [
      pod('shop', 'web', [{ name: 'metrics', port: 9090 }]),
      pod('other', 'api', [{ name: 'http', port: 80 }]),
    ]);
    const verdict = verdictOf(facts);
    expect(verdict.kind).toBe('reopened');
    expect(verdict.reachable).toEqual(['web']);
    expect(verdict.reopenings[0]!.why).toContain('TCP/http');
    expect(verdict.reopenings[0]!.why).toContain('Cilium');
    // The offered edit takes the endpoint out of the block.
    const [fix] = ruleFixes(verdict, facts);
    expect(fix?.offered).toBe(true);
    expect(fix!.yaml).toContain('169.254.169.254/32');
  });

  it('reopens it when the name is ambiguous (80 on one pod, 8080 on another)', () => {
    const facts = factsWith(CILIUM, [
      pod('shop', 'web', [{ name: 'http', port: 8080 }]),
      pod('other', 'api', [{ name: 'http', port: 80 }]),
    ]);
    expect(verdictOf(facts).kind).toBe('reopened');
  });

  it('stays blocked when no pod names port 80 (or only for UDP) so', () => {
    const facts = factsWith(CILIUM, [
      pod('shop', 'web', [{ name: 'http', port: 8080 }]),
      pod('other', 'dns', [{ name: 'http', port: 80, protocol: 'UDP' }]),
    ]);
    expect(verdictOf(facts).kind).toBe('blocked');
  });

  it('on Calico the named port never matches an address that is not a pod', () => {
    const facts = factsWith(CALICO, [pod('shop', 'web', [{ name: 'http', port: 80 }])]);
    expect(verdictOf(facts).kind).toBe('blocked');
  });
});
