import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cidrCovers, isStrictSubset, parseCidr } from '../../../src/checks/imds/cidr.js';
import { engineFindings, engineTraits, type EngineFacts } from '../../../src/checks/imds/engine.js';
import { evaluateNamespace } from '../../../src/checks/imds/evaluate.js';
import { closeImdsInRule, ruleFixes, targetedPolicies } from '../../../src/checks/imds/fixes.js';
import { restrictImdsPolicy } from '../../../src/checks/imds/policy.js';
import { systemReason } from '../../../src/checks/imds/scope.js';
import { describeSelector, selectorMatches } from '../../../src/checks/imds/selector.js';
import type { PodFacts } from '../../../src/checks/imds/facts.js';

const arm = (profile: Partial<Extract<EngineFacts, { known: true }>>): EngineFacts => ({
  known: true,
  resourceGroup: 'rg',
  cluster: 'aks-one',
  ...profile,
});

describe('CIDR parsing and containment', () => {
  it('parses IPv4 and IPv6 and masks host bits', () => {
    expect(parseCidr('10.10.0.0/0')).toEqual({ bits: 32, network: 0n, prefix: 0 });
    expect(parseCidr('2001:db8::1/32')?.network).toBe(0x20010db8n << 96n);
    expect(parseCidr('::/0')).toEqual({ bits: 128, network: 0n, prefix: 0 });
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

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front' };
  it('ANDs matchLabels and every operator', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'api' } }, labels)).toBe(false);
    const expr = (operator: string, values?: string[]) => ({
      matchExpressions: [{ key: 'tier', operator, values }],
    });
    expect(selectorMatches(expr('In', ['front', 'x']), labels)).toBe(true);
    expect(selectorMatches(expr('NotIn', ['front']), labels)).toBe(false);
    expect(selectorMatches(expr('NotIn', ['front']), { app: 'web' })).toBe(true);
    expect(selectorMatches(expr('Exists'), labels)).toBe(true);
    expect(selectorMatches(expr('DoesNotExist'), labels)).toBe(false);
    expect(selectorMatches(expr('Gt', ['1']), labels)).toBe(false);
    expect(describeSelector({ matchLabels: { app: 'web' }, ...expr('NotIn', ['a', 'b']) })).toBe(
      'app=web,tier notin (a,b)',
    );
  });
});

describe('the plan for each engine', () => {
  const peersOf = (facts: EngineFacts) =>
    restrictImdsPolicy('shop', engineTraits(facts)).spec.egress[0]!.to;
  it('calico, IPv4: one ipBlock, all but the endpoint', () => {
    expect(peersOf(arm({ networkPolicy: 'calico', networkPlugin: 'azure' }))).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
    ]);
  });
  it('dual-stack adds ::/0', () => {
    expect(peersOf(arm({ networkPolicy: 'azure', ipFamilies: ['IPv4', 'IPv6'] }))).toContainEqual({
      ipBlock: { cidr: '::/0' },
    });
  });
  it('Cilium (by dataplane or by policy) adds namespace and pod selector peers', () => {
    for (const facts of [arm({ networkDataplane: 'cilium' }), arm({ networkPolicy: 'cilium' })]) {
      const peers = peersOf(facts);
      expect(peers).toContainEqual({ namespaceSelector: {} });
      expect(peers).toContainEqual({ podSelector: {} });
      expect(engineTraits(facts).enforces).toBe(true);
    }
  });
  it('unknown engine: the safe superset, and an info finding', () => {
    const facts: EngineFacts = { known: false, why: 'only a kubeconfig was given' };
    expect(peersOf(facts)).toHaveLength(4);
    expect(engineFindings(facts).map((f) => f.id)).toEqual(['imds.engine-unknown']);
  });
  it('no engine: a high finding with the command, and the policy is still planned', () => {
    const facts = arm({ networkPolicy: 'none', networkPlugin: 'azure' });
    const [finding] = engineFindings(facts);
    expect(finding).toMatchObject({ id: 'imds.no-policy-engine', severity: 'high' });
    expect(finding!.remediation).toContain('az aks update -g rg -n aks-one');
    expect(engineTraits(facts).enforces).toBe(false);
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
  const calico = engineTraits(arm({ networkPolicy: 'calico' }));
  it('adds the except to the offending ipBlock and keeps ports', () => {
    const rule = {
      to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }],
      ports: [{ port: 80 }],
    };
    expect(closeImdsInRule(rule, calico)).toEqual({
      to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '169.254.169.254/32'] } }],
      ports: [{ port: 80 }],
    });
    expect(
      closeImdsInRule({ to: [{ ipBlock: { cidr: '169.254.169.254/32' } }] }, calico).to,
    ).toEqual([]);
    expect(closeImdsInRule({}, calico).to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } },
    ]);
  });
  it('renders the edited egress of the policy as YAML', () => {
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
    const [fix] = ruleFixes(verdict, policies, calico);
    expect(fix!.title).toContain('ns/wide');
    expect(parse(fix!.yaml)).toEqual({
      spec: {
        egress: [
          { to: [{ namespaceSelector: {} }] },
          { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] },
        ],
      },
    });
  });
  it('offers a targeted policy only when it selects no isolated pod', () => {
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
    const [forA, forC] = targetedPolicies(verdict, pods, calico);
    expect((parse(forA!.yaml) as { spec: { podSelector: unknown } }).spec.podSelector).toEqual({
      matchLabels: { app: 'a' },
    });
    expect(forC!.yaml).toBe('');
    expect(forC!.title).toContain('No safe targeted policy');
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
    expect(systemReason(ns('flux-system'), [])).toBeDefined();
    // An AKS add-on name proves nothing by itself: its pods must be managed by AKS.
    expect(systemReason(ns('gatekeeper-system'), [pod('gatekeeper-system', {})])).toBeUndefined();
    expect(
      systemReason(ns('aks-istio-ingress'), [
        pod('aks-istio-ingress', { 'kubernetes.azure.com/managedby': 'aks' }),
      ]),
    ).toBeDefined();
  });
});
