import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { EngineFacts } from '../../../src/checks/imds/engine.js';
import type { EngineKindRead, EngineObject } from '../../../src/checks/imds/engine-kinds.js';
import type { PolicyFacts } from '../../../src/checks/imds/facts.js';
import { CALICO as calico, CILIUM as cilium } from './engines.js';

// Facts written from the engines' documentation:
// - Cilium (docs.cilium.io, security/policy): rules select endpoints by endpointSelector; in the
//   default mode an endpoint is in default deny at egress once a rule with egress/egressDeny
//   selects it (unless enableDefaultDeny.egress is false); allows (Cilium's and NetworkPolicies')
//   add up; a deny wins over any allow; `world`/`all` entities and CIDRs cover 169.254.169.254.
// - Calico (docs.tigera.io): policies by order in the default tier, NetworkPolicies at 1000; the
//   first Allow/Deny decides; a tier that applies and decides nothing drops.

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

function cnp(name: string, spec: unknown, namespace = 'shop'): EngineObject {
  return { namespace, name, spec };
}

function reads(
  engine: 'cilium' | 'calico',
  byKind: Record<string, EngineObject[] | string | false>,
): EngineKindRead[] {
  return Object.entries(byKind).map(([kind, v]) => {
    const base = {
      engine,
      kind,
      apiVersion: engine === 'cilium' ? 'cilium.io/v2' : 'crd.projectcalico.org/v1',
    };
    if (v === false) return { ...base, served: false };
    if (typeof v === 'string') return { ...base, unread: v };
    return { ...base, served: true, objects: v };
  });
}

function assess(
  engine: EngineFacts,
  policies: PolicyFacts[],
  enginePolicies: EngineKindRead[] | undefined,
) {
  const facts: ImdsFacts = {
    engine,
    ...(enginePolicies ? { enginePolicies } : {}),
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop', team: 'a' } }],
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
    policies,
  };
  const a = assessImds(facts);
  return {
    verdict: a.namespaces[0]!.verdict,
    ids: a.findings.map((f) => f.id),
    findings: a.findings,
  };
}

describe('imds on Cilium: its own policies judged with the NetworkPolicies', () => {
  it('no Cilium policy (kinds read, or not served): the NetworkPolicies decide, no finding of the engine', () => {
    const r = assess(
      cilium,
      [blockImds],
      reads('cilium', { CiliumNetworkPolicy: [], CiliumClusterwideNetworkPolicy: false }),
    );
    expect(r.verdict.kind).toBe('blocked');
    expect(r.verdict.engine).toBeUndefined();
    expect(r.ids).toEqual([]);
  });

  it('a refused read is an unknown fact, never a pass', () => {
    const r = assess(
      cilium,
      [blockImds],
      reads('cilium', { CiliumNetworkPolicy: 'listing is forbidden' }),
    );
    expect(r.ids).toEqual(['imds.engine-policies-unread']);
    expect(r.findings[0]!.message).toContain('listing is forbidden');
  });

  it('an egressDeny to a CIDR holding the endpoint, all ports, selecting every pod: blocked, whatever the NetworkPolicies', () => {
    const deny = cnp('deny-imds', {
      endpointSelector: {},
      egressDeny: [{ toCIDR: ['169.254.169.254/32'] }],
    });
    const r = assess(cilium, [], reads('cilium', { CiliumNetworkPolicy: [deny] }));
    expect(r.verdict.kind).toBe('blocked');
    expect(r.verdict.engine?.blocks).toEqual(['CiliumNetworkPolicy shop/deny-imds']);
    expect(r.ids).toEqual([]);
  });

  it('a clusterwide egressDeny on TCP/80 to 169.254.0.0/16 wins over a NetworkPolicy rule that allows everything', () => {
    const openAll: PolicyFacts = { ...blockImds, name: 'open', egress: [{}] };
    const deny: EngineObject = {
      name: 'no-metadata',
      spec: {
        endpointSelector: {},
        egressDeny: [
          {
            toCIDRSet: [{ cidr: '169.254.0.0/16' }],
            toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }],
          },
        ],
      },
    };
    const r = assess(
      cilium,
      [openAll],
      reads('cilium', { CiliumClusterwideNetworkPolicy: [deny] }),
    );
    expect(r.verdict.kind).toBe('blocked');
    expect(r.ids).not.toContain('imds.rule-reopens');
  });

  it('a deny on another port (443) or an except for the endpoint does not block it', () => {
    const d443 = cnp('d', {
      endpointSelector: {},
      egressDeny: [{ toCIDR: ['169.254.169.254/32'], toPorts: [{ ports: [{ port: '443' }] }] }],
    });
    const dExcept = cnp('e', {
      endpointSelector: {},
      egressDeny: [{ toCIDRSet: [{ cidr: '169.254.0.0/16', except: ['169.254.169.254/32'] }] }],
    });
    // Each deny alone puts the pods into default deny at egress (its rules have egress parts) with
    // nothing allowed: blocked by isolation, not by the deny.
    for (const d of [d443, dExcept]) {
      const r = assess(cilium, [], reads('cilium', { CiliumNetworkPolicy: [d] }));
      expect(r.verdict.kind).toBe('blocked');
    }
    // With enableDefaultDeny.egress false they isolate nothing: the namespace stays open.
    const soft = cnp('s', { ...(d443.spec as object), enableDefaultDeny: { egress: false } });
    const r = assess(cilium, [], reads('cilium', { CiliumNetworkPolicy: [soft] }));
    expect(r.verdict.kind).toBe('exposed');
    expect(r.verdict.reachable.sort()).toEqual(['db-1', 'web-1']);
  });

  it('an allow to the world entity beside our NetworkPolicy re-opens the endpoint (allows add up)', () => {
    const world = cnp('to-world', {
      endpointSelector: { matchLabels: { app: 'web' } },
      egress: [{ toEntities: ['world'] }],
    });
    const r = assess(cilium, [blockImds], reads('cilium', { CiliumNetworkPolicy: [world] }));
    expect(r.verdict.kind).toBe('reopened');
    expect(r.verdict.engine?.opens).toEqual([
      { policy: 'CiliumNetworkPolicy shop/to-world', pods: ['web-1'] },
    ]);
    expect(r.verdict.reachable).toEqual(['web-1']);
    expect(r.ids).toContain('imds.engine-policy-opens');
  });

  it('an allow to 0.0.0.0/0 on TCP/80 with k8s: prefixed labels re-opens too; to the cluster entity it does not', () => {
    const cidr = cnp('c', {
      endpointSelector: { matchLabels: { 'k8s:app': 'db' } },
      egress: [{ toCIDR: ['0.0.0.0/0'], toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }] }],
    });
    expect(
      assess(cilium, [blockImds], reads('cilium', { CiliumNetworkPolicy: [cidr] })).verdict.engine
        ?.opens[0]?.pods,
    ).toEqual(['db-1']);
    const cluster = cnp('k', { endpointSelector: {}, egress: [{ toEntities: ['cluster'] }] });
    expect(
      assess(cilium, [blockImds], reads('cilium', { CiliumNetworkPolicy: [cluster] })).verdict.kind,
    ).toBe('blocked');
  });

  it('a Cilium policy of another namespace selects nothing here', () => {
    const world = cnp(
      'to-world',
      { endpointSelector: {}, egress: [{ toEntities: ['world'] }] },
      'other',
    );
    const r = assess(cilium, [blockImds], reads('cilium', { CiliumNetworkPolicy: [world] }));
    expect(r.verdict.kind).toBe('blocked');
    expect(r.verdict.engine).toBeUndefined();
  });

  it('egress allowed only to some pods (no NetworkPolicy): Cilium isolates, so the endpoint is blocked', () => {
    const dns = cnp('dns', {
      endpointSelector: {},
      egress: [
        {
          toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }],
          toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }],
        },
      ],
    });
    const r = assess(cilium, [], reads('cilium', { CiliumNetworkPolicy: [dns] }));
    expect(r.verdict.kind).toBe('blocked');
    // The step never offers an allow-all-but-metadata policy where Cilium already restricts.
    expect(r.ids).toEqual([]);
  });

  it('a CIDR group, a Service or an L7 rule it cannot judge: "not known" naming the policy, never a pass', () => {
    const group = cnp('grp', {
      endpointSelector: {},
      egress: [{ toCIDRSet: [{ cidrGroupRef: 'corp' }] }],
    });
    const l7 = cnp('l7', {
      endpointSelector: {},
      egress: [
        {
          toEntities: ['world'],
          toPorts: [{ ports: [{ port: '80' }], rules: { http: [{ path: '/x' }] } }],
        },
      ],
    });
    for (const p of [group, l7]) {
      const r = assess(cilium, [blockImds], reads('cilium', { CiliumNetworkPolicy: [p] }));
      expect(r.ids).toContain('imds.engine-policy-unknown');
      expect(r.findings.find((f) => f.id === 'imds.engine-policy-unknown')!.message).toContain(
        `CiliumNetworkPolicy shop/${p.name}`,
      );
    }
  });

  it('a deny selecting only some labels does not make pods created later blocked', () => {
    const deny = cnp('deny-web', {
      endpointSelector: { matchLabels: { app: 'web' } },
      egressDeny: [{ toEntities: ['world'] }],
    });
    const r = assess(cilium, [], reads('cilium', { CiliumNetworkPolicy: [deny] }));
    expect(r.verdict.kind).toBe('partial');
    expect(r.verdict.reachable).toEqual(['db-1']);
  });
});

describe('imds on Calico: its own policies ordered with the NetworkPolicies', () => {
  const np = (name: string, spec: unknown): EngineObject => ({ namespace: 'shop', name, spec });

  it('a GlobalNetworkPolicy denying the endpoint before any allow: blocked, even with a NetworkPolicy that allows all', () => {
    const openAll: PolicyFacts = { ...blockImds, name: 'open', egress: [{}] };
    const gnp: EngineObject = {
      name: 'deny-metadata',
      spec: {
        order: 10,
        selector: 'all()',
        types: ['Egress'],
        egress: [
          {
            action: 'Deny',
            protocol: 'TCP',
            destination: { nets: ['169.254.169.254/32'], ports: [80] },
          },
          { action: 'Pass' },
        ],
      },
    };
    const r = assess(
      calico,
      [openAll],
      reads('calico', { GlobalNetworkPolicy: [gnp], NetworkPolicy: [] }),
    );
    expect(r.verdict.kind).toBe('blocked');
    expect(r.ids).toEqual([]);
  });

  it('an Allow to 0.0.0.0/0 ordered before the NetworkPolicies re-opens the endpoint', () => {
    const allow = np('egress-all', {
      order: 100,
      selector: "app == 'web'",
      types: ['Egress'],
      egress: [{ action: 'Allow', destination: { nets: ['0.0.0.0/0'] } }],
    });
    const r = assess(calico, [blockImds], reads('calico', { NetworkPolicy: [allow] }));
    expect(r.verdict.kind).toBe('reopened');
    expect(r.verdict.engine?.opens).toEqual([
      { policy: 'NetworkPolicy shop/egress-all', pods: ['web-1'] },
    ]);
  });

  it('a Deny ordered after an allowing NetworkPolicy decides nothing (the allow came first)', () => {
    const openAll: PolicyFacts = { ...blockImds, name: 'open', egress: [{}] };
    const late = np('late-deny', {
      order: 2000,
      selector: 'all()',
      types: ['Egress'],
      egress: [{ action: 'Deny', destination: { nets: ['169.254.169.254/32'] } }],
    });
    const r = assess(calico, [openAll], reads('calico', { NetworkPolicy: [late] }));
    expect(r.verdict.kind).toBe('reopened');
    expect(r.ids).toContain('imds.rule-reopens');
  });

  it('a Calico policy alone, allowing only DNS: the tier drops the rest, the endpoint is blocked', () => {
    const dns = np('dns-only', {
      selector: 'all()',
      types: ['Egress'],
      egress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: [53] } }],
    });
    const r = assess(calico, [], reads('calico', { NetworkPolicy: [dns] }));
    expect(r.verdict.kind).toBe('blocked');
  });

  it('a policy in another tier, or a selector it cannot parse: not known, naming the policy', () => {
    const tiered = np('sec', {
      tier: 'security',
      selector: 'all()',
      types: ['Egress'],
      egress: [{ action: 'Pass' }],
    });
    const odd = np('odd', {
      order: 5,
      selector: 'app ==',
      types: ['Egress'],
      egress: [{ action: 'Allow' }],
    });
    for (const p of [tiered, odd]) {
      const r = assess(calico, [blockImds], reads('calico', { NetworkPolicy: [p] }));
      expect(r.ids).toContain('imds.engine-policy-unknown');
      expect(JSON.stringify(r.findings)).toContain(`NetworkPolicy shop/${p.name}`);
    }
  });

  it('a policy whose selector picks no pod of the namespace changes nothing', () => {
    const other = np('db-out', {
      order: 1,
      selector: "app == 'nothing'",
      types: ['Egress'],
      egress: [{ action: 'Allow' }],
    });
    const r = assess(calico, [blockImds], reads('calico', { NetworkPolicy: [other] }));
    expect(r.verdict.kind).toBe('blocked');
    expect(r.verdict.engine).toBeUndefined();
  });

  it('on Azure NPM neither engine is read or judged', () => {
    const r = assess(
      { ...cilium, networkPolicy: 'azure', networkDataplane: undefined },
      [blockImds],
      undefined,
    );
    expect(r.ids).not.toContain('imds.engine-policies-unread');
  });

  it('kinds never read (facts from before this read existed): said once for the cluster', () => {
    expect(assess(calico, [blockImds], undefined).ids).toEqual(['imds.engine-policies-unread']);
  });
});
