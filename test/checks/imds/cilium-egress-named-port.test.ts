import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { EngineFacts } from '../../../src/checks/imds/engine.js';
import type { EngineKindRead } from '../../../src/checks/imds/engine-kinds.js';
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

  // A pod created later in any namespace may name port 80 http (the usual choice): the rule
  // opens the endpoint then, with no change here, so "blocked, now and later" cannot hold.
  it('re-opens it even while no pod names port 80 so (pods come later), and the edit is offered', () => {
    const facts = factsWith(CILIUM, [
      pod('shop', 'web', [{ name: 'http', port: 8080 }]),
      pod('other', 'dns', [{ name: 'http', port: 80, protocol: 'UDP' }]),
    ]);
    const verdict = verdictOf(facts);
    expect(verdict.kind).toBe('reopened');
    // Today no pod gets through: the probe's answer stays "blocked".
    expect(verdict.reachable).toEqual([]);
    expect(verdict.reopenings[0]!.why).toContain('no pod names port 80 so today');
    const [fix] = ruleFixes(verdict, facts);
    expect(fix?.offered).toBe(true);
    expect(fix!.yaml).toContain('169.254.169.254/32');
  });

  it('a named port for UDP only never takes in TCP 80, now or later', () => {
    const udp: PolicyFacts = {
      ...policy,
      egress: [
        { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'dns', protocol: 'UDP' }] },
      ],
    };
    const facts = {
      ...factsWith(CILIUM, [pod('other', 'x', [{ name: 'dns', port: 80 }])]),
      policies: [udp],
    };
    expect(verdictOf(facts).kind).toBe('blocked');
  });

  it('on Calico the named port never matches an address that is not a pod', () => {
    const facts = factsWith(CALICO, [pod('shop', 'web', [{ name: 'http', port: 80 }])]);
    expect(verdictOf(facts).kind).toBe('blocked');
  });
});

// Cilium's own policies resolve toPorts named ports the same way (docs.cilium.io, policy
// language: "named ports"): an allow on one takes the endpoint in once any pod names a port 80
// so, and a deny on one holds only while such a pod exists. Neither can be judged "blocked, now
// and later" from today's pods: said as not known (imds.engine-policy-unknown), never a pass.
const cnpRead = (spec: unknown): EngineKindRead[] => [
  {
    engine: 'cilium',
    kind: 'CiliumNetworkPolicy',
    apiVersion: 'cilium.io/v2',
    served: true,
    objects: [{ namespace: 'shop', name: 'out', spec }],
  },
];

function withEngine(pods: PodFacts[], policies: PolicyFacts[], spec: unknown) {
  const facts = { ...factsWith(CILIUM, pods), policies, enginePolicies: cnpRead(spec) };
  const a = assessImds(facts);
  return {
    verdict: a.namespaces.find((n) => n.verdict.namespace === 'shop')!.verdict,
    ids: a.findings.map((f) => f.id),
  };
}

const denyAllEgress: PolicyFacts = {
  namespace: 'shop',
  name: 'deny-all',
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [],
};

describe('imds on Cilium: named ports in its own policies and beside them', () => {
  const plain = [pod('shop', 'web', [{ name: 'metrics', port: 9090 }])];

  it('a CiliumNetworkPolicy allow to world on a named port no pod names 80: not known, not blocked', () => {
    const r = withEngine(plain, [], {
      endpointSelector: {},
      egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: 'http' }] }] }],
    });
    expect(r.verdict.kind).not.toBe('blocked');
    expect(r.ids).toContain('imds.engine-policy-unknown');
  });

  it('the same allow while a pod names port 80 so: re-opens', () => {
    const r = withEngine(
      [...plain, pod('other', 'nginx', [{ name: 'http', port: 80 }])],
      [denyAllEgress],
      {
        endpointSelector: {},
        egress: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: 'http' }] }] }],
      },
    );
    expect(r.ids).toContain('imds.engine-policy-opens');
    expect(r.verdict.kind).toBe('reopened');
  });

  it('a deny on a named port holds only while a pod names it 80: not counted as a block', () => {
    const spec = {
      endpointSelector: {},
      egressDeny: [{ toEntities: ['world'], toPorts: [{ ports: [{ port: 'http' }] }] }],
    };
    const open: PolicyFacts = { ...denyAllEgress, name: 'all-out', egress: [{}] };
    const r = withEngine(
      [...plain, pod('other', 'nginx', [{ name: 'http', port: 80 }])],
      [open],
      spec,
    );
    expect(r.verdict.kind).not.toBe('blocked');
    expect(r.ids).toContain('imds.engine-policy-unknown');
  });

  it('a NetworkPolicy named-port rule is not hidden by a Cilium policy that only isolates', () => {
    // The Cilium policy puts the pods in default deny and allows DNS: the NetworkPolicy rule on
    // http is still what opens the endpoint once a pod names port 80 so.
    const r = withEngine(plain, [policy], {
      endpointSelector: {},
      egress: [{ toEndpoints: [{}], toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }] }],
    });
    expect(r.verdict.kind).toBe('reopened');
    expect(r.ids).toContain('imds.rule-reopens');
  });
});

describe('imds with the engine unknown: a named-port rule that opens only on Cilium', () => {
  it('is judged re-opened and its edit is offered', () => {
    const facts: ImdsFacts = {
      ...factsWith({ known: false, why: 'kubeconfig only' }, plain()),
    };
    const verdict = verdictOf(facts);
    expect(verdict.kind).toBe('reopened');
    const [fix] = ruleFixes(verdict, facts);
    expect(fix?.offered).toBe(true);
    expect(fix!.yaml).toContain('169.254.169.254/32');
  });
});

function plain(): PodFacts[] {
  return [pod('shop', 'web', [{ name: 'metrics', port: 9090 }])];
}
