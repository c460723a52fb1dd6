import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { EngineObject } from '../../../src/checks/imds/engine-kinds.js';
import type { PolicyFacts } from '../../../src/checks/imds/facts.js';

// Cilium policy language (docs.cilium.io/en/stable/security/policy/language/#icmp-icmpv6-layer-4-examples;
// api EgressRule/EgressDenyRule.ICMPs): a rule with `icmps` matches only those ICMP types to its
// peers, never TCP. A rule with both `icmps` and `toPorts` fails Cilium's rule validation ("the
// ICMPs block may only be present without ToPorts"), and the agent imports none of that policy.

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

const ping = [{ fields: [{ type: 8, family: 'IPv4' }] }];

function assess(objects: EngineObject[], policies: PolicyFacts[] = []) {
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
        objects,
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
    ],
    policies,
  };
  const a = assessImds(facts);
  return { verdict: a.namespaces[0]!.verdict, ids: a.findings.map((f) => f.id) };
}

describe('imds on Cilium: ICMP rules', () => {
  it('a Cilium egressDeny of ICMP echo to world does not block TCP 80 on 169.254.169.254', () => {
    const r = assess([
      {
        namespace: 'shop',
        name: 'no-ping-out',
        spec: {
          endpointSelector: {},
          egress: [{ toEntities: ['all'] }],
          egressDeny: [{ toEntities: ['world'], icmps: ping }],
        },
      },
    ]);
    expect(r.verdict.kind).not.toBe('blocked');
    expect(r.verdict.reachable).toEqual(['web-1']);
    expect(r.ids).not.toEqual([]);
  });

  it('an ICMP deny with no peer (every destination) blocks no TCP either', () => {
    const r = assess([
      {
        namespace: 'shop',
        name: 'no-ping',
        spec: {
          endpointSelector: {},
          egress: [{ toCIDR: ['169.254.169.254/32'] }],
          egressDeny: [{ icmps: ping }],
        },
      },
    ]);
    expect(r.verdict.reachable).toEqual(['web-1']);
    expect(r.verdict.kind).not.toBe('blocked');
  });

  it('an ICMP-only allow to world does not open TCP 80 beside a policy that blocks it', () => {
    const r = assess(
      [
        {
          namespace: 'shop',
          name: 'ping-out',
          spec: { endpointSelector: {}, egress: [{ toEntities: ['world'], icmps: ping }] },
        },
      ],
      [blockImds],
    );
    expect(r.verdict.kind).toBe('blocked');
    expect(r.verdict.reachable).toEqual([]);
    expect(r.ids).not.toContain('imds.engine-policy-opens');
  });

  it('an ICMP-only allow still puts the pods into default deny at egress: TCP 80 is blocked', () => {
    const r = assess([
      {
        namespace: 'shop',
        name: 'ping-only',
        spec: { endpointSelector: {}, egress: [{ toEntities: ['world'], icmps: ping }] },
      },
    ]);
    expect(r.verdict.kind).toBe('blocked');
    expect(r.verdict.reachable).toEqual([]);
  });

  it('an empty icmps list is no ICMP rule: the deny to world takes every port', () => {
    const r = assess([
      {
        namespace: 'shop',
        name: 'deny-world',
        spec: {
          endpointSelector: {},
          egress: [{ toEntities: ['all'] }],
          egressDeny: [{ toEntities: ['world'], icmps: [] }],
        },
      },
    ]);
    expect(r.verdict.kind).toBe('blocked');
  });

  it('icmps beside toPorts in one rule: Cilium refuses the whole policy, so neither its deny nor its isolation counts', () => {
    const r = assess([
      {
        namespace: 'shop',
        name: 'invalid',
        spec: {
          endpointSelector: {},
          egressDeny: [
            {
              toEntities: ['world'],
              icmps: ping,
              toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }],
            },
          ],
        },
      },
    ]);
    expect(r.verdict.kind).toBe('exposed');
    expect(r.verdict.reachable).toEqual(['web-1']);
    expect(r.ids).toContain('imds.namespace-exposed');
  });

  it('a refused policy opens nothing either: its allow to world does not re-open the endpoint', () => {
    const r = assess(
      [
        {
          namespace: 'shop',
          name: 'invalid-allow',
          spec: {
            endpointSelector: {},
            egress: [
              { toEntities: ['world'] },
              { toEntities: ['world'], icmps: ping, toPorts: [{ ports: [{ port: '53' }] }] },
            ],
          },
        },
      ],
      [blockImds],
    );
    expect(r.verdict.kind).toBe('blocked');
    expect(r.verdict.engine).toBeUndefined();
  });
});
