import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { PolicyFacts } from '../../../src/checks/imds/facts.js';
import { ruleFixes } from '../../../src/checks/imds/proposals.js';

// Azure Network Policy Manager installs nothing of a policy that has a non-IPv4 ipBlock cidr
// (azure-container-networking translatePolicy.go ipBlockRule -> ErrUnsupportedIPAddress;
// controllers/v2/networkPolicyController.go: logged, NoOp). The offered edit turns "to anywhere
// on TCP 80/443" into peers that include `::/0`: on NPM the edited policy is then dropped whole,
// its pods lose egress isolation, and every port opens: the edit widens egress
// (kubernetes.io network-policies: without a policy in effect a pod's egress is unrestricted).
describe('the offered edit of an egress rule "to anywhere on 80 and 443" on Azure NPM', () => {
  it('adds no IPv6 ipBlock, which would make NPM drop the whole policy', () => {
    const policy: PolicyFacts = {
      namespace: 'shop',
      name: 'web-out',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          ports: [
            { protocol: 'TCP', port: 80 },
            { protocol: 'TCP', port: 443 },
          ],
        },
      ],
    };
    const facts: ImdsFacts = {
      engine: {
        known: true,
        networkPlugin: 'azure',
        networkPolicy: 'azure',
        resourceGroup: 'rg',
        cluster: 'aks',
      },
      namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
      pods: [{ namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false }],
      policies: [policy],
    };
    const verdict = assessImds(facts).namespaces.find(
      (a) => a.verdict.namespace === 'shop',
    )!.verdict;
    expect(verdict.kind).toBe('reopened');
    const [fix] = ruleFixes(verdict, facts);
    expect(fix?.offered).toBe(true);
    const spec = (parse(fix!.yaml) as { spec: Pick<PolicyFacts, 'egress'> }).spec;
    const cidrs = (spec.egress ?? []).flatMap((r) => r.to ?? []).map((p) => p.ipBlock?.cidr);
    expect(cidrs.filter((c) => c?.includes(':'))).toEqual([]);
  });
});

describe('the edit of a "to anywhere" rule when the engine is not known', () => {
  it('adds no IPv6 block either (the engine may be NPM), and is still offered', () => {
    const facts: ImdsFacts = {
      engine: { known: false, why: 'kubeconfig only' },
      namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
      pods: [{ namespace: 'shop', name: 'web-1', labels: {}, hostNetwork: false }],
      policies: [
        {
          namespace: 'shop',
          name: 'web-out',
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ ports: [{ protocol: 'TCP', port: 80 }] }],
        },
      ],
    };
    const verdict = assessImds(facts).namespaces[0]!.verdict;
    const [fix] = ruleFixes(verdict, facts);
    expect(fix?.offered).toBe(true);
    expect(fix!.yaml).not.toContain('::/0');
  });

  it('on Calico keeps ::/0', () => {
    const facts: ImdsFacts = {
      engine: {
        known: true,
        networkPlugin: 'azure',
        networkPolicy: 'calico',
        resourceGroup: 'rg',
        cluster: 'aks',
      },
      namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
      pods: [{ namespace: 'shop', name: 'web-1', labels: {}, hostNetwork: false }],
      policies: [
        {
          namespace: 'shop',
          name: 'web-out',
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ ports: [{ protocol: 'TCP', port: 80 }] }],
        },
      ],
    };
    const [fix] = ruleFixes(assessImds(facts).namespaces[0]!.verdict, facts);
    expect(fix?.offered).toBe(true);
    expect(fix!.yaml).toContain('::/0');
  });
});
