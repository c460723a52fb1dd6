import { describe, expect, it } from 'vitest';
import { evaluateNamespace, type VerdictKind } from '../../../src/checks/imds/evaluate.js';
import type { EgressRule, PodFacts, PolicyFacts } from '../../../src/checks/imds/facts.js';
import { verdictFindings } from '../../../src/checks/imds/findings.js';
import { effectivePolicyTypes } from '../../../src/checks/netpol/policy-types.js';

const NS = { name: 'shop', labels: {} };
const web: PodFacts = {
  namespace: 'shop',
  name: 'web-1',
  labels: { app: 'web' },
  hostNetwork: false,
};
const api: PodFacts = {
  namespace: 'shop',
  name: 'api-1',
  labels: { app: 'api', tier: 'backend', 'pod-template-hash': 'abc' },
  hostNetwork: false,
};
const agent: PodFacts = {
  namespace: 'shop',
  name: 'agent-x',
  labels: { app: 'agent' },
  hostNetwork: true,
};
const PODS = [web, api];

function np(name: string, spec: Omit<PolicyFacts, 'namespace' | 'name'>): PolicyFacts {
  return { namespace: 'shop', name, ...spec };
}
const allBut = (cidr = '0.0.0.0/0', except = ['169.254.169.254/32']): EgressRule => ({
  to: [{ ipBlock: { cidr, except } }],
});
const denyAll = np('deny-all', { podSelector: {}, policyTypes: ['Egress'] });
const blockImds = np('block-imds', {
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [allBut()],
});

interface Case {
  name: string;
  policies: PolicyFacts[];
  pods?: PodFacts[];
  kind: VerdictKind;
  reopen?: Array<[string, number]>;
}

const cases: Case[] = [
  { name: 'no policies', policies: [], kind: 'exposed' },
  { name: 'no policies, no pods (future pods)', policies: [], pods: [], kind: 'exposed' },
  {
    name: 'ingress-only policy',
    policies: [np('in', { podSelector: {}, policyTypes: ['Ingress'] })],
    kind: 'exposed',
  },
  {
    name: 'policyTypes omitted, no egress rules: ingress only',
    policies: [np('in', { podSelector: {}, ingress: [{}] })],
    kind: 'exposed',
  },
  {
    name: 'policyTypes omitted with egress rules: egress isolated and blocked',
    policies: [np('p', { podSelector: {}, egress: [allBut()] })],
    kind: 'blocked',
  },
  {
    name: 'policyTypes omitted, egress [{}] opens everything',
    policies: [np('p', { podSelector: {}, egress: [{}] })],
    kind: 'reopened',
    reopen: [['p', 0]],
  },
  { name: 'egress [] with Egress type: deny all', policies: [denyAll], kind: 'blocked' },
  {
    name: 'egress [{}]: allow all',
    policies: [np('all', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })],
    kind: 'reopened',
    reopen: [['all', 0]],
  },
  {
    name: '0.0.0.0/0 without except',
    policies: [
      np('wide', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('0.0.0.0/0', [])] }),
    ],
    kind: 'reopened',
    reopen: [['wide', 0]],
  },
  { name: 'except /32', policies: [blockImds], kind: 'blocked' },
  {
    name: 'except 169.254.0.0/16 contains IMDS',
    policies: [
      np('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('0.0.0.0/0', ['169.254.0.0/16'])],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: 'except that misses IMDS',
    policies: [
      np('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('0.0.0.0/0', ['10.0.0.0/8'])],
      }),
    ],
    kind: 'reopened',
    reopen: [['p', 0]],
  },
  {
    name: 'cidr 169.254.0.0/16 (link-local) opens it',
    policies: [
      np('p', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('169.254.0.0/16', [])] }),
    ],
    kind: 'reopened',
    reopen: [['p', 0]],
  },
  {
    name: 'private ranges only do not include IMDS',
    policies: [
      np('p', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('10.0.0.0/8', [])] }),
    ],
    kind: 'blocked',
  },
  {
    name: 'the article CIDR 10.10.0.0/0 reads as 0.0.0.0/0',
    policies: [
      np('p', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('10.10.0.0/0', [])] }),
    ],
    kind: 'reopened',
    reopen: [['p', 0]],
  },
  {
    name: 'IPv6 ::/0 does not include an IPv4 address',
    policies: [
      np('v6', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('::/0', [])] }),
    ],
    kind: 'blocked',
  },
  {
    // The API server accepts it (warning "use 0.0.0.0/0"); Go's net package, so Calico, reads it as IPv4.
    name: 'IPv4-mapped ::ffff:0:0/96 may be read as 0.0.0.0/0: reopened',
    policies: [
      np('v6', { podSelector: {}, policyTypes: ['Egress'], egress: [allBut('::ffff:0:0/96', [])] }),
    ],
    kind: 'reopened',
    reopen: [['v6', 0]],
  },
  {
    name: 'IPv4-mapped ::ffff:169.254.0.0/112 (169.254.0.0/16): reopened',
    policies: [
      np('v6', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('::ffff:169.254.0.0/112', [])],
      }),
    ],
    kind: 'reopened',
    reopen: [['v6', 0]],
  },
  {
    name: 'IPv4-mapped block with the endpoint excepted in the same form: blocked either way',
    policies: [
      np('v6', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('::ffff:0:0/96', ['::ffff:169.254.169.254/128'])],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: 'a mapped block that does not hold the endpoint (::ffff:10.0.0.0/104) stays closed',
    policies: [
      np('v6', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('::ffff:10.0.0.0/104', [])],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: 'a wider IPv6 block (::/64) is not IPv4-mapped once masked, even written ::ffff:…',
    policies: [
      np('v6', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('::ffff:169.254.169.254/64', [])],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: '0.0.0.0/0 except the endpoint written as ::ffff:169.254.169.254/128: not counted on',
    policies: [
      np('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [allBut('0.0.0.0/0', ['::ffff:169.254.169.254/128'])],
      }),
    ],
    kind: 'reopened',
    reopen: [['p', 0]],
  },
  {
    name: 'ports-limited rule to everywhere still opens port 80',
    policies: [
      np('dns80', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ protocol: 'TCP', port: 80 }] }],
      }),
    ],
    kind: 'reopened',
    reopen: [['dns80', 0]],
  },
  {
    name: 'ports-limited rule to 0.0.0.0/0 except IMDS',
    policies: [
      np('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ...allBut(), ports: [{ port: 443 }] }],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: 'namespaceSelector-only peer never matches IMDS',
    policies: [
      np('pods', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }] }],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: 'partial podSelector: api not isolated, future pods neither',
    policies: [
      np('web-only', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [allBut()],
      }),
    ],
    kind: 'partial',
  },
  {
    name: 'every current pod selected by label, but no {} policy: future pods exposed',
    policies: [
      np('by-app', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
        policyTypes: ['Egress'],
        egress: [allBut()],
      }),
    ],
    kind: 'partial',
  },
  {
    name: 'app=web allowed out, app NotIn [web] denied: together they select every pod, now and later',
    policies: [
      np('web-out', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [allBut()],
      }),
      np('others-deny', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
        policyTypes: ['Egress'],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: 'app Exists and app DoesNotExist: together they select every pod, now and later',
    policies: [
      np('with-app', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
        policyTypes: ['Egress'],
      }),
      np('without-app', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
        policyTypes: ['Egress'],
        egress: [allBut()],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: 'app In [web, api] and app DoesNotExist: a later pod with app=db is not selected',
    policies: [
      np('by-app', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
        policyTypes: ['Egress'],
      }),
      np('without-app', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
        policyTypes: ['Egress'],
      }),
    ],
    kind: 'partial',
  },
  {
    name: 'matchExpressions NotIn leaves api out',
    policies: [
      denyAll,
      np('x', {
        podSelector: {
          matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }],
        },
        policyTypes: ['Egress'],
        egress: [{}],
      }),
    ],
    kind: 'reopened',
    reopen: [['x', 0]],
  },
  {
    name: 'DoesNotExist selects no pod now, but the re-opening rule still counts (future pods)',
    policies: [
      denyAll,
      np('x', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
        policyTypes: ['Egress'],
        egress: [{}],
      }),
    ],
    kind: 'reopened',
    reopen: [['x', 0]],
  },
  {
    name: 'two policies: union, the second re-opens for api',
    policies: [
      blockImds,
      np('api-out', {
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }] }, allBut('0.0.0.0/0', [])],
      }),
    ],
    kind: 'reopened',
    reopen: [['api-out', 1]],
  },
  {
    name: 'two blocking policies stay blocked (nothing subtracts, nothing adds IMDS)',
    policies: [blockImds, denyAll],
    kind: 'blocked',
  },
  {
    name: 'ingress+egress types with egress [] isolates egress',
    policies: [np('both', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}] })],
    kind: 'blocked',
  },
  {
    name: 'hostNetwork pod alone ignores the policy; namespace still blocked for the rest',
    policies: [blockImds],
    pods: [web, agent],
    kind: 'blocked',
  },
];

/** The case whose name starts with `start`. */
const named = (start: string): Case => cases.find((c) => c.name.startsWith(start))!;

describe('IMDS verdicts per namespace', () => {
  it.each(cases)('$name → $kind', ({ policies, pods, kind, reopen }) => {
    const verdict = evaluateNamespace(NS, policies, pods ?? PODS);
    expect(verdict.kind).toBe(kind);
    expect(verdict.reopenings.map((r) => [r.policy, r.rule])).toEqual(reopen ?? []);
  });

  it('has at least 20 situations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });
});

describe('effective policyTypes', () => {
  it('defaults to Ingress, adding Egress only with egress rules', () => {
    expect(effectivePolicyTypes({ namespace: 'a', name: 'b' })).toEqual(['Ingress']);
    expect(effectivePolicyTypes({ namespace: 'a', name: 'b', egress: [] })).toEqual(['Ingress']);
    expect(effectivePolicyTypes({ namespace: 'a', name: 'b', egress: [{}] })).toEqual([
      'Ingress',
      'Egress',
    ]);
    expect(effectivePolicyTypes({ namespace: 'a', name: 'b', policyTypes: ['Egress'] })).toEqual([
      'Egress',
    ]);
  });
});

describe('findings', () => {
  it('names the policy and rule that re-opens, and the pods it applies to', () => {
    const verdict = evaluateNamespace(NS, named('two policies: union').policies, PODS);
    const [finding] = verdictFindings(verdict);
    expect(finding).toMatchObject({
      id: 'imds.rule-reopens',
      severity: 'high',
      object: { kind: 'NetworkPolicy', namespace: 'shop', name: 'api-out' },
    });
    expect(finding!.message).toContain('spec.egress[1]');
    expect(finding!.message).toContain('api-1');
  });

  it('names the unisolated label sets of a partial namespace, without per-pod hashes', () => {
    const verdict = evaluateNamespace(NS, named('partial podSelector').policies, PODS);
    const partial = verdictFindings(verdict).find((f) => f.id === 'imds.partial');
    expect(partial?.message).toContain('app=api,tier=backend (1 pod)');
    expect(partial?.message).not.toContain('pod-template-hash');
    expect(partial?.message).toContain('pods created later');
  });

  it('lists hostNetwork pods apart, as information', () => {
    const verdict = evaluateNamespace(NS, [], [web, agent]);
    const ids = verdictFindings(verdict).map((f) => [f.id, f.severity]);
    expect(ids).toEqual([
      ['imds.namespace-exposed', 'high'],
      ['imds.host-network', 'info'],
    ]);
    expect(verdict.pods).toBe(1);
    expect(verdict.hostNetworkPods).toEqual(['agent-x']);
  });

  it('says in plain words why an IPv4-mapped block or except opens the endpoint', () => {
    const why = (rule: EgressRule) => {
      const v = evaluateNamespace(
        NS,
        [np('m', { podSelector: {}, policyTypes: ['Egress'], egress: [rule] })],
        PODS,
      );
      return verdictFindings(v).find((f) => f.id === 'imds.rule-reopens')!.message;
    };
    expect(why(allBut('::ffff:169.254.0.0/112', []))).toContain(
      "::ffff:169.254.0.0/112 is written as IPv4-mapped IPv6, which Kubernetes and engines built on Go's net package (Calico) read as the IPv4 block 169.254.0.0/16, so it includes 169.254.169.254",
    );
    expect(why(allBut('0.0.0.0/0', ['::ffff:169.254.169.254/128']))).toContain(
      'an except written as IPv4-mapped IPv6 does not take IPv4 traffic out on every engine',
    );
  });
  it('reports nothing for a blocked namespace', () => {
    expect(verdictFindings(evaluateNamespace(NS, [blockImds], PODS))).toEqual([]);
  });
});
