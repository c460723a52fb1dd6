import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { EngineFacts } from '../../../src/checks/imds/engine.js';
import type { EngineKindRead } from '../../../src/checks/imds/engine-kinds.js';
import type { PolicyFacts } from '../../../src/checks/imds/facts.js';

// Calico (docs.tigera.io/calico/latest/reference/resources/networkpolicy, "order"): a Calico
// policy ordered before the NetworkPolicies (order < 1000) decides first, so its Allow lets pods
// reach 169.254.169.254 whatever the NetworkPolicies say. Cilium (docs.cilium.io, policy
// language): allows add up with the NetworkPolicies'. README (imds): with the engine unknown the
// verdict is "each of the three engines, the most open verdict"; each engine's own policies count
// on that engine's plane, and nowhere else (Calico does not enforce a CiliumNetworkPolicy).

const UNKNOWN: EngineFacts = { known: false, why: 'no Azure access (kubeconfig only)' };
const OWN_CNI: EngineFacts = {
  known: true,
  networkPlugin: 'none',
  resourceGroup: 'rg',
  cluster: 'aks',
};
const NONE: EngineFacts = {
  known: true,
  networkPlugin: 'kubenet',
  networkPolicy: 'none',
  resourceGroup: 'rg',
  cluster: 'aks',
};

const blockImds: PolicyFacts = {
  namespace: 'shop',
  name: 'block-imds',
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [
    {
      to: [
        { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
        { namespaceSelector: {} },
      ],
    },
  ],
};

const calicoAllowFirst: EngineKindRead = {
  engine: 'calico',
  kind: 'NetworkPolicy',
  apiVersion: 'crd.projectcalico.org/v1',
  served: true,
  objects: [
    {
      namespace: 'shop',
      name: 'allow-out-first',
      spec: { selector: 'all()', order: 100, types: ['Egress'], egress: [{ action: 'Allow' }] },
    },
  ],
};

const cnp = (name: string, spec: unknown): EngineKindRead => ({
  engine: 'cilium',
  kind: 'CiliumNetworkPolicy',
  apiVersion: 'cilium.io/v2',
  served: true,
  objects: [{ namespace: 'shop', name, spec }],
});

function assess(engine: EngineFacts, enginePolicies: EngineKindRead[], policies: PolicyFacts[]) {
  const facts: ImdsFacts = {
    engine,
    enginePolicies,
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [{ namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false }],
    policies,
  };
  const a = assessImds(facts);
  return {
    verdict: a.namespaces[0]!.verdict,
    ids: a.findings.filter((f) => f.object?.name === 'shop').map((f) => f.id),
  };
}

describe('imds with the engine unknown: the engines’ own policies read are judged', () => {
  it('with the engine unknown, a Calico Allow at order 100 that opens the endpoint is not passed as blocked', () => {
    const r = assess(UNKNOWN, [calicoAllowFirst], [blockImds]);
    expect(r.verdict.kind).not.toBe('blocked');
    expect(r.ids).toContain('imds.engine-policy-opens');
  });

  it('a CiliumNetworkPolicy allowing world beside the blocking NetworkPolicy re-opens it (on Cilium)', () => {
    const r = assess(
      UNKNOWN,
      [cnp('to-world', { endpointSelector: {}, egress: [{ toEntities: ['world'] }] })],
      [blockImds],
    );
    expect(r.verdict.kind).toBe('reopened');
    expect(r.verdict.reachable).toEqual(['web-1']);
  });

  it('a Cilium deny does not pass an otherwise open namespace: on Calico or NPM it is not enforced', () => {
    const r = assess(
      UNKNOWN,
      [cnp('deny', { endpointSelector: {}, egressDeny: [{ toEntities: ['world'] }] })],
      [],
    );
    expect(r.verdict.kind).toBe('exposed');
    expect(r.ids).toContain('imds.namespace-exposed');
  });

  it('blocked only when blocked on every plane: the NetworkPolicy block and a Calico Deny first', () => {
    const deny: EngineKindRead = {
      ...calicoAllowFirst,
      objects: [
        {
          namespace: 'shop',
          name: 'deny-first',
          spec: {
            selector: 'all()',
            order: 10,
            types: ['Egress'],
            egress: [{ action: 'Deny', destination: { nets: ['169.254.169.254/32'] } }],
          },
        },
      ],
    };
    expect(assess(UNKNOWN, [deny], [blockImds]).verdict.kind).toBe('blocked');
  });

  it('a cluster bringing its own CNI is judged the same way', () => {
    const r = assess(OWN_CNI, [calicoAllowFirst], [blockImds]);
    expect(r.verdict.kind).not.toBe('blocked');
    expect(r.ids).toContain('imds.engine-policy-opens');
  });

  it('with no engine at all nothing enforces them: not judged, the namespace reads not enforced', () => {
    const r = assess(NONE, [calicoAllowFirst], [blockImds]);
    expect(r.verdict.enforced).toBe(false);
    expect(r.verdict.engine).toBeUndefined();
  });
});
