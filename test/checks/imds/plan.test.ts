import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  cidrBounds,
  cidrCovers,
  formatAddress,
  isStrictSubset,
  parseCidr,
} from '../../../src/checks/netpol/address.js';
import { DATA_PLANES } from '../../../src/checks/netpol/dataplane.js';
import type { ImdsFacts } from '../../../src/checks/imds/assess.js';
import {
  dataPlaneOf,
  engineFindings,
  engineTraits,
  type EngineFacts,
} from '../../../src/checks/imds/engine.js';
import { evaluateNamespace } from '../../../src/checks/imds/evaluate.js';
import { closeImdsInRule } from '../../../src/checks/imds/fixes.js';
import { ruleFixes, targetedPolicies } from '../../../src/checks/imds/proposals.js';
import { restrictImdsPolicy } from '../../../src/checks/imds/policy.js';
import { managedNamespaceWarning, systemReason } from '../../../src/checks/imds/scope.js';
import type { EgressRule, PodFacts, PolicyFacts } from '../../../src/checks/imds/facts.js';

const arm = (profile: Partial<Extract<EngineFacts, { known: true }>>): EngineFacts => ({
  known: true,
  resourceGroup: 'rg',
  cluster: 'aks-one',
  ...profile,
});

describe('CIDR parsing and containment', () => {
  const bounds = (text: string) => cidrBounds(parseCidr(text)!).map(formatAddress);
  it('parses IPv4 and IPv6 and ignores host bits', () => {
    expect(bounds('10.10.0.0/0')).toEqual(['0.0.0.0', '255.255.255.255']);
    expect(bounds('2001:db8::1/32')).toEqual([
      '2001:db8::',
      '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
    expect(bounds('::/0')[0]).toBe('::');
    expect(bounds('010.0.0.1/8')).toEqual(['10.0.0.0', '10.255.255.255']);
  });
  it('rejects what the API server rejects', () => {
    for (const bad of [
      '10.10.0.0/0#example',
      '10.0.0.0',
      '256.0.0.0/8',
      '10.0.0.0/33',
      '::1/129',
      '1::2::3/64',
      'fe80::1%eth0/64',
      '0x0a.0.0.0/8',
      '10.1/8',
    ])
      expect(parseCidr(bad), bad).toBeUndefined();
  });
  it('contains within one family only, and knows strict subsets', () => {
    const all4 = parseCidr('0.0.0.0/0')!;
    const imds = parseCidr('169.254.169.254/32')!;
    expect(cidrCovers(all4, imds)).toBe(true);
    expect(cidrCovers(parseCidr('::/0')!, imds)).toBe(false);
    expect(isStrictSubset(imds, imds)).toBe(false);
    expect(isStrictSubset(all4, imds)).toBe(true);
    expect(isStrictSubset(parseCidr('10.0.0.0/8')!, imds)).toBe(false);
  });
});

describe('the plan for each engine', () => {
  const peersOf = (facts: EngineFacts) =>
    restrictImdsPolicy('shop', engineTraits(facts)).spec.egress[0]!.to;
  it('calico: all IPv4 but the endpoint, and all IPv6 (harmless on IPv4-only)', () => {
    expect(peersOf(arm({ networkPolicy: 'calico', networkPlugin: 'azure' }))).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
      { ipBlock: { cidr: '::/0' } },
    ]);
  });
  it('dual-stack keeps ::/0', () => {
    expect(peersOf(arm({ networkPolicy: 'calico', ipFamilies: ['IPv4', 'IPv6'] }))).toContainEqual({
      ipBlock: { cidr: '::/0' },
    });
  });
  it('Azure NPM never gets ::/0: it installs none of a policy with an IPv6 block', () => {
    expect(
      peersOf(arm({ networkPolicy: 'azure', ipFamilies: ['IPv4', 'IPv6'] })),
    ).not.toContainEqual({ ipBlock: { cidr: '::/0' } });
  });
  it('Cilium (by dataplane or by policy) adds namespace and pod selector peers', () => {
    for (const facts of [arm({ networkDataplane: 'cilium' }), arm({ networkPolicy: 'cilium' })]) {
      const peers = peersOf(facts);
      expect(peers).toContainEqual({ namespaceSelector: {} });
      expect(peers).toContainEqual({ podSelector: {} });
      expect(engineTraits(facts).enforces).toBe(true);
    }
  });
  it("unknown engine: Cilium's peers, no ::/0 (it may be NPM), and a finding", () => {
    const facts: EngineFacts = { known: false, why: 'only a kubeconfig was given' };
    // 0.0.0.0/0 but the endpoint, namespaceSelector {}, podSelector {}: no ::/0 unless pods have IPv6.
    expect(peersOf(facts)).toHaveLength(3);
    expect(engineFindings(facts).map((f) => f.id)).toEqual(['imds.engine-unknown']);
  });
  it('no engine: a high finding with the command, and the policy is still planned', () => {
    const facts = arm({ networkPolicy: 'none', networkPlugin: 'azure' });
    const [finding] = engineFindings(facts);
    expect(finding).toMatchObject({ id: 'imds.no-policy-engine', severity: 'high' });
    expect(finding!.remediation).toContain('az aks update -g rg -n aks-one');
    expect(engineTraits(facts).enforces).toBe(false);
  });
  it('reads the ARM enums without regard to case, as ARM does', () => {
    for (const networkPolicy of ['Calico', 'AZURE', ' calico ']) {
      const facts = arm({ networkPolicy, networkPlugin: 'Azure' });
      expect(engineTraits(facts).enforces, networkPolicy).toBe(true);
      expect(dataPlaneOf(facts)?.enforces, networkPolicy).toBe(true);
      expect(engineFindings(facts).map((f) => f.id)).not.toContain('imds.no-policy-engine');
    }
    expect(engineFindings(arm({ networkPolicy: 'Azure' })).map((f) => f.id)).toEqual([
      'imds.engine-retiring',
    ]);
    for (const facts of [arm({ networkDataplane: 'Cilium' }), arm({ networkPolicy: 'CILIUM' })]) {
      expect(engineTraits(facts).cilium).toBe(true);
      expect(dataPlaneOf(facts)).toBe(DATA_PLANES.cilium);
      expect(peersOf(facts)).toContainEqual({ namespaceSelector: {} });
    }
    expect(engineTraits(arm({ networkPolicy: 'None' })).enforces).toBe(false);
    expect(engineTraits(arm({ networkPolicy: 'calico', ipFamilies: ['ipv6'] })).dualStack).toBe(
      true,
    );
    const [none] = engineFindings(arm({ networkPolicy: 'None', networkPlugin: 'Azure' }));
    expect(none!.remediation).toContain('--network-dataplane cilium');
  });
  it('a cluster with its own CNI (networkPlugin none): enforcement unknown, not "no engine"', () => {
    const facts = arm({ networkPlugin: 'none', networkPolicy: 'none' });
    const [finding] = engineFindings(facts);
    expect(finding).toMatchObject({ id: 'imds.engine-unknown', severity: 'high' });
    expect(finding!.message).toContain('own CNI');
    expect(engineTraits(facts).enforces).toBeUndefined();
    expect(dataPlaneOf(facts)).toBeUndefined();
    // The plan holds on Cilium too, whichever CNI it is.
    expect(peersOf(facts)).toContainEqual({ namespaceSelector: {} });
    // AKS-managed Cilium on it is still Cilium.
    expect(engineTraits(arm({ networkPlugin: 'none', networkDataplane: 'cilium' })).enforces).toBe(
      true,
    );
  });
  it('our policy is labelled as ours, selects every pod, egress only', () => {
    const policy = restrictImdsPolicy('shop', engineTraits(arm({ networkPolicy: 'calico' })));
    expect(policy.metadata).toMatchObject({
      name: 'restrict-instance-metadata',
      namespace: 'shop',
      labels: { 'app.kubernetes.io/managed-by': 'aks-runbook', 'aks-runbook/step': 'imds' },
    });
    expect(policy.spec).toMatchObject({ podSelector: {}, policyTypes: ['Egress'] });
  });
});

describe('targeted fixes', () => {
  const calicoFacts = arm({ networkPolicy: 'calico' });
  const calico = engineTraits(calicoFacts);
  const plane = DATA_PLANES.calico;
  const factsOf = (policies: PolicyFacts[], pods: PodFacts[] = []): ImdsFacts => ({
    engine: calicoFacts,
    namespaces: [{ name: 'ns', labels: { 'kubernetes.io/metadata.name': 'ns' } }],
    pods,
    policies,
  });
  it('adds the except to the offending ipBlock and keeps ports', () => {
    const rule = {
      to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }],
      ports: [{ port: 80 }],
    };
    expect(closeImdsInRule(rule, 'ns', plane).rule).toEqual({
      to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.169.254/32'] } }],
      ports: [{ port: 80 }],
    });
  });
  it('deletes a rule whose only peer was the endpoint, never leaving `to: []` (every destination)', () => {
    const fix = closeImdsInRule({ to: [{ ipBlock: { cidr: '169.254.169.254/32' } }] }, 'ns', plane);
    expect(fix.rule).toBeUndefined();
    expect(fix.change).toContain('deleted');
    const kept = closeImdsInRule(
      { to: [{ ipBlock: { cidr: '169.254.169.254/32' } }, { podSelector: {} }] },
      'ns',
      plane,
    );
    expect(kept.rule).toEqual({ to: [{ podSelector: {} }] });
  });
  it('excepts the endpoint in mapped form from an IPv4-mapped block (an IPv4 except is refused there)', () => {
    const fix = closeImdsInRule({ to: [{ ipBlock: { cidr: '::ffff:0:0/96' } }] }, 'ns', plane);
    expect(fix.rule).toEqual({
      to: [{ ipBlock: { cidr: '::ffff:0:0/96', except: ['::ffff:169.254.169.254/128'] } }],
    });
    expect(fix.change).toContain('rewriting it as 0.0.0.0/0');
    // Validation's rule: an except must be a strict subset of the block.
    const block = parseCidr('::ffff:0:0/96')!;
    expect(isStrictSubset(block, parseCidr('::ffff:169.254.169.254/128')!)).toBe(true);
    expect(isStrictSubset(block, parseCidr('169.254.169.254/32')!)).toBe(false);
  });
  it('removes a mapped peer that is the endpoint itself, and adds the IPv4 except beside a mapped one', () => {
    const own = closeImdsInRule(
      { to: [{ ipBlock: { cidr: '::ffff:169.254.169.254/128' } }, { podSelector: {} }] },
      'ns',
      plane,
    );
    expect(own.rule).toEqual({ to: [{ podSelector: {} }] });
    const v4 = closeImdsInRule(
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['::ffff:169.254.169.254/128'] } }] },
      'ns',
      plane,
    );
    expect(v4.rule).toEqual({
      to: [
        {
          ipBlock: {
            cidr: '0.0.0.0/0',
            except: ['::ffff:169.254.169.254/128', '169.254.169.254/32'],
          },
        },
      ],
    });
  });
  it('offers the mapped-block edit as checked, and the edited namespace is blocked', () => {
    const policies = [
      {
        namespace: 'ns',
        name: 'mapped',
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '::ffff:169.254.0.0/112' } }] }],
      },
    ];
    const verdict = evaluateNamespace({ name: 'ns', labels: {} }, policies, []);
    expect(verdict.kind).toBe('reopened');
    const [fix] = ruleFixes(verdict, factsOf(policies));
    expect(fix!.offered).toBe(true);
    const edited = parse(fix!.yaml) as { spec: { egress: EgressRule[] } };
    expect(edited.spec.egress).toEqual([
      {
        to: [
          { ipBlock: { cidr: '::ffff:169.254.0.0/112', except: ['::ffff:169.254.169.254/128'] } },
        ],
      },
    ]);
    const after = evaluateNamespace(
      { name: 'ns', labels: {} },
      [{ ...policies[0]!, egress: edited.spec.egress }],
      [],
    );
    expect(after.kind).toBe('blocked');
  });
  it('turns "to anywhere" into "anywhere but the endpoint", pods included', () => {
    expect(closeImdsInRule<EgressRule>({}, 'ns', plane).rule?.to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
      { ipBlock: { cidr: '::/0' } },
      { namespaceSelector: {} },
    ]);
  });
  it('renders the edited egress of the policy as YAML, checked', () => {
    const policies = [
      {
        namespace: 'ns',
        name: 'wide',
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }] }, { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
      },
    ];
    const verdict = evaluateNamespace({ name: 'ns', labels: {} }, policies, []);
    const [fix] = ruleFixes(verdict, factsOf(policies));
    expect(fix!.title).toContain('ns/wide');
    expect(fix!.offered).toBe(true);
    expect(fix!.notes[0]).toMatch(
      /^Checked before it is offered: \d+ questions, nothing newly allowed\.$/,
    );
    expect(parse(fix!.yaml)).toEqual({
      spec: {
        egress: [
          { to: [{ namespaceSelector: {} }] },
          { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] },
        ],
      },
    });
  });
  it('offers a targeted policy only when it selects no isolated pod, now or later', () => {
    const pods: PodFacts[] = [
      { namespace: 'ns', name: 'a', labels: { app: 'a' }, hostNetwork: false },
      { namespace: 'ns', name: 'b', labels: { app: 'b', role: 'x' }, hostNetwork: false },
      { namespace: 'ns', name: 'c', labels: { app: 'b' }, hostNetwork: false },
    ];
    const policies = [
      {
        namespace: 'ns',
        name: 'iso',
        podSelector: { matchLabels: { role: 'x' } },
        policyTypes: ['Egress'],
      },
    ];
    const verdict = evaluateNamespace({ name: 'ns', labels: {} }, policies, pods);
    const [forA, forC] = targetedPolicies(verdict, factsOf(policies, pods), calico);
    // role NotIn [x]: a pod created later with app=a and role=x stays with iso alone (deny all).
    expect((parse(forA!.yaml) as { spec: { podSelector: unknown } }).spec.podSelector).toEqual({
      matchLabels: { app: 'a' },
      matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['x'] }],
    });
    expect(forA!.offered).toBe(true);
    // c shares app=b with the isolated b; role NotIn [x] keeps b (and later pods like it) out.
    expect(forC!.offered).toBe(true);
    expect((parse(forC!.yaml) as { spec: { podSelector: unknown } }).spec.podSelector).toEqual({
      matchLabels: { app: 'b' },
      matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['x'] }],
    });
  });
});

describe('warnings for namespaces Kubernetes or AKS manages', () => {
  it('warns for kube-system, AKS add-on and extension namespaces by name only', () => {
    for (const name of ['kube-system', 'gatekeeper-system', 'aks-istio-system', 'flux-system'])
      expect(managedNamespaceWarning(name), name).toContain('169.254.169.254');
    for (const name of ['default', 'shop', 'kube-systems'])
      expect(managedNamespaceWarning(name), name).toBeUndefined();
  });
});

describe('which namespaces are system namespaces', () => {
  const ns = (name: string) => ({ name, labels: {} });
  const pod = (namespace: string, labels: Record<string, string>): PodFacts => ({
    namespace,
    name: 'p',
    labels,
    hostNetwork: false,
  });
  it('follows the documented rule', () => {
    expect(systemReason(ns('kube-system'), [])).toBeDefined();
    expect(systemReason(ns('default'), [])).toBeUndefined();
    expect(systemReason(ns('shop'), [])).toBeUndefined();
    // A cluster extension's name proves nothing either (anyone may create flux-system): its
    // verdict is reported like any user namespace's.
    expect(systemReason(ns('flux-system'), [])).toBeUndefined();
    expect(systemReason(ns('dataprotection-microsoft'), [pod('x', {})])).toBeUndefined();
    // An AKS add-on name proves nothing by itself: its pods must be managed by AKS.
    expect(systemReason(ns('gatekeeper-system'), [pod('gatekeeper-system', {})])).toBeUndefined();
    expect(
      systemReason(ns('aks-istio-ingress'), [
        pod('aks-istio-ingress', { 'kubernetes.azure.com/managedby': 'aks' }),
      ]),
    ).toBeDefined();
  });
});
