// Hostile review of the IMDS verdict, case by case from the NetworkPolicy specification (not from
// the project's corpus): a namespace is "blocked" only if every pod, now and later, is selected by
// a policy with Egress in its (effective) policyTypes and no egress rule of any policy selecting it
// allows TCP 80 to 169.254.169.254.
import { describe, expect, it } from 'vitest';
import { evaluateNamespace, type VerdictKind } from '../../../src/checks/imds/evaluate.js';
import type { EgressRule, PodFacts, PolicyFacts } from '../../../src/checks/imds/facts.js';
import { engineFindings } from '../../../src/checks/imds/engine.js';
import { targetedPolicies } from '../../../src/checks/imds/proposals.js';
import { sharedLabels } from '../../../src/checks/imds/shared-pod.js';
import { selectorMatches } from '../../../src/checks/label-selector.js';
import type { LabelSelector } from '../../../src/model/label-selector.js';
import { parse } from 'yaml';

const NS = { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } };
const pod = (name: string, labels: Record<string, string>, hostNetwork = false): PodFacts => ({
  namespace: 'shop',
  name,
  labels,
  hostNetwork,
});
const PODS = [pod('web-1', { app: 'web' }), pod('api-1', { app: 'api' })];
const np = (name: string, spec: Omit<PolicyFacts, 'namespace' | 'name'>): PolicyFacts => ({
  namespace: 'shop',
  name,
  ...spec,
});
const to = (...peers: NonNullable<EgressRule['to']>): EgressRule => ({ to: peers });
const ip = (cidr: string, except?: string[]) => ({
  ipBlock: { cidr, ...(except ? { except } : {}) },
});
const ALL_BUT = to(ip('0.0.0.0/0', ['169.254.169.254/32']));

interface Case {
  name: string;
  policies: PolicyFacts[];
  pods?: PodFacts[];
  kind: VerdictKind;
}

const CASES: Case[] = [
  { name: 'no policy', policies: [], kind: 'exposed' },
  {
    name: 'ingress-only policy (policyTypes omitted, no egress rules)',
    policies: [np('i', { podSelector: {}, ingress: [{}] })],
    kind: 'exposed',
  },
  {
    name: 'policyTypes omitted but egress rules present: Egress is implied',
    policies: [np('e', { podSelector: {}, egress: [ALL_BUT] })],
    kind: 'blocked',
  },
  {
    name: 'egress rules but policyTypes [Ingress] only: egress not isolated',
    policies: [
      np('e', { podSelector: {}, policyTypes: ['Ingress'], egress: [to(ip('10.0.0.0/8'))] }),
    ],
    kind: 'exposed',
  },
  {
    name: 'default deny egress',
    policies: [np('d', { podSelector: {}, policyTypes: ['Egress'] })],
    kind: 'blocked',
  },
  {
    name: 'deny-all plus another policy allowing everything: OR wins',
    policies: [
      np('d', { podSelector: {}, policyTypes: ['Egress'] }),
      np('open', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{}],
      }),
    ],
    kind: 'reopened',
  },
  {
    name: 'a rule with no to allows every destination',
    policies: [
      np('p', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 80 }] }] }),
    ],
    kind: 'reopened',
  },
  {
    name: 'a rule allowing only port 53 does not open TCP 80',
    policies: [
      np('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }] }],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: 'a port range 1-1024 opens 80',
    policies: [
      np('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 1, endPort: 1024 }], to: [ip('0.0.0.0/0')] }],
      }),
    ],
    kind: 'reopened',
  },
  {
    name: 'UDP 80 only does not open TCP 80',
    policies: [
      np('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 80, protocol: 'UDP' }] }],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: 'ipBlock 169.254.0.0/16 opens it',
    policies: [
      np('p', { podSelector: {}, policyTypes: ['Egress'], egress: [to(ip('169.254.0.0/16'))] }),
    ],
    kind: 'reopened',
  },
  {
    name: '0.0.0.0/0 except 169.254.0.0/16 (a covering range) blocks it',
    policies: [
      np('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [to(ip('0.0.0.0/0', ['169.254.0.0/16']))],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: '0.0.0.0/0 except 169.254.169.0/30 (not covering .254) opens it',
    policies: [
      np('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [to(ip('0.0.0.0/0', ['169.254.169.0/30']))],
      }),
    ],
    kind: 'reopened',
  },
  {
    name: 'an IPv6 ::/0 block does not open an IPv4 address',
    policies: [np('p', { podSelector: {}, policyTypes: ['Egress'], egress: [to(ip('::/0'))] })],
    kind: 'blocked',
  },
  {
    name: 'namespaceSelector {} and podSelector {} peers match pods, not an outside address',
    policies: [
      np('p', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [to({ namespaceSelector: {} }, { podSelector: {} })],
      }),
    ],
    kind: 'blocked',
  },
  {
    name: 'one policy blocks, a second allows 0.0.0.0/0 for the same pods: reopened',
    policies: [
      np('b', { podSelector: {}, policyTypes: ['Egress'], egress: [ALL_BUT] }),
      np('o', { podSelector: {}, policyTypes: ['Egress'], egress: [to(ip('0.0.0.0/0'))] }),
    ],
    kind: 'reopened',
  },
  {
    name: 'a policy selecting only some pods leaves the rest open',
    policies: [
      np('b', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [ALL_BUT],
      }),
    ],
    kind: 'partial',
  },
  {
    name: 'policies covering every current pod by label still leave new pods open',
    policies: [
      np('b', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] },
        policyTypes: ['Egress'],
        egress: [ALL_BUT],
      }),
    ],
    kind: 'partial',
  },
  {
    name: 'an Exists selector on a key new pods may lack is not every pod',
    policies: [
      np('b', {
        podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] },
        policyTypes: ['Egress'],
        egress: [ALL_BUT],
      }),
    ],
    kind: 'partial',
  },
];

describe('IMDS verdict, from the NetworkPolicy specification', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(evaluateNamespace(NS, c.policies, c.pods ?? PODS).kind).toBe(c.kind);
  });
  it('a blocked namespace still lists its hostNetwork pods (policies never apply to them)', () => {
    const v = evaluateNamespace(
      NS,
      [np('d', { podSelector: {}, policyTypes: ['Egress'] })],
      [...PODS, pod('agent', { app: 'agent' }, true)],
    );
    expect(v.hostNetworkPods).toEqual(['agent']);
  });
  it('a policy of another namespace never covers this one', () => {
    const other = { ...np('d', { podSelector: {}, policyTypes: ['Egress'] }), namespace: 'other' };
    expect(evaluateNamespace(NS, [other], PODS).kind).toBe('exposed');
  });
});

describe('an unknown policy engine is not a pass', () => {
  it('imds.engine-unknown is high (as the no-policy-engine it may hide) and says blocked verdicts depend on enforcement', () => {
    const [f] = engineFindings({ known: false, why: 'ARM was not read' });
    expect(f?.id).toBe('imds.engine-unknown');
    expect(f?.severity).toBe('high');
    expect(f?.message).toMatch(/blocked only if/);
  });
});

describe('targeted policies never widen a pod created later', () => {
  const traits = { enforces: true, cilium: false, dualStack: false, label: 'calico' };
  const engine = {
    known: true as const,
    networkPolicy: 'calico',
    resourceGroup: 'rg',
    cluster: 'c',
  };
  const payments = np('payments-egress', {
    podSelector: { matchLabels: { team: 'payments' } },
    policyTypes: ['Egress'],
    egress: [to(ip('10.0.0.0/8'))],
  });
  const pods = [pod('api-1', { app: 'api', team: 'payments' }), pod('cache-1', { app: 'cache' })];
  const facts = { engine, namespaces: [NS], pods, policies: [payments] };
  it('keeps the restricted pods out of its selector, now and later', () => {
    const verdict = evaluateNamespace(NS, [payments], pods);
    expect(verdict.kind).toBe('partial');
    const [fix] = targetedPolicies(verdict, facts, traits);
    expect(fix?.offered).toBe(true);
    const selector = (parse(fix!.yaml) as { spec: { podSelector: LabelSelector } }).spec
      .podSelector;
    expect(selectorMatches(selector, { app: 'cache' })).toBe(true);
    // The pod payments restricts to 10.0.0.0/8 must not get allow-all-but-metadata on top.
    expect(selectorMatches(selector, { app: 'cache', team: 'payments' })).toBe(false);
  });
  it('finds a label set two selectors share, or none when they contradict', () => {
    expect(sharedLabels({ matchLabels: { app: 'cache' } }, { matchLabels: { team: 'p' } })).toEqual(
      { app: 'cache', team: 'p' },
    );
    expect(sharedLabels({ matchLabels: { app: 'cache' } }, { matchLabels: { app: 'web' } })).toBe(
      undefined,
    );
    expect(
      sharedLabels(
        { matchLabels: { app: 'cache' } },
        { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['cache'] }] },
      ),
    ).toBe(undefined);
    expect(
      sharedLabels(
        { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] },
        { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a'] }] },
      ),
    ).toEqual({ tier: 'b' });
  });
});
