import { describe, expect, it } from 'vitest';
import { assessImds, defaultScope } from '../../../src/checks/imds/assess.js';
import type { ImdsFacts } from '../../../src/checks/imds/assess.js';

const facts: ImdsFacts = {
  engine: { known: true, resourceGroup: 'rg', cluster: 'aks', networkPolicy: 'calico' },
  // Read, and none there: these tests are not about Calico's own policy kinds.
  enginePolicies: [],
  namespaces: ['shop', 'kube-system', 'default'].map((name) => ({ name, labels: {} })),
  pods: [
    { namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false },
    { namespace: 'kube-system', name: 'proxy', labels: {}, hostNetwork: true },
  ],
  policies: [],
};

describe('assessing a cluster', () => {
  it('leaves system namespaces out of the findings by default', () => {
    const assessment = assessImds(facts);
    expect([...defaultScope(assessment)].sort()).toEqual(['default', 'shop']);
    expect(assessment.findings.map((f) => f.object?.name)).toEqual(['default', 'shop']);
  });

  it('reports an exposed namespace named like a cluster extension, but does not choose it by default', () => {
    // Anyone can create flux-system: its exposed pods are a finding. The Flux extension may need
    // the endpoint (AKS IMDS restriction article: GitOps), so the change waits for the operator.
    const withFlux: ImdsFacts = {
      ...facts,
      namespaces: [...facts.namespaces, { name: 'flux-system', labels: {} }],
      pods: [
        ...facts.pods,
        { namespace: 'flux-system', name: 'miner', labels: {}, hostNetwork: false },
      ],
    };
    const assessment = assessImds(withFlux);
    expect(assessment.findings.map((f) => [f.id, f.object?.name])).toContainEqual([
      'imds.namespace-exposed',
      'flux-system',
    ]);
    const flux = assessment.namespaces.find((a) => a.verdict.namespace === 'flux-system')!;
    expect(flux.system).toBeUndefined();
    expect(flux.optIn).toContain('cluster extension');
    expect([...defaultScope(assessment)].sort()).toEqual(['default', 'shop']);
  });

  it('with no engine, no namespace reads as blocked: the policies are judged, then marked not enforced', () => {
    const blocking = {
      namespace: 'shop',
      name: 'block',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
    };
    const none = {
      ...facts,
      engine: { ...facts.engine, networkPolicy: 'none' },
      policies: [blocking],
    };
    const assessment = assessImds(none);
    const shop = assessment.namespaces.find((a) => a.verdict.namespace === 'shop')!.verdict;
    expect(shop).toMatchObject({ kind: 'blocked', enforced: false });
    expect(assessment.findings.map((f) => [f.id, f.object?.name])).toEqual([
      ['imds.no-policy-engine', 'aks'],
      ['imds.namespace-exposed', 'default'],
      ['imds.namespace-exposed', 'shop'],
    ]);
    expect(assessment.findings[2]!.message).toContain('enforced, they would leave it blocked');
  });

  it('evaluates a large cluster in one pass per namespace', () => {
    const namespaces = Array.from({ length: 500 }, (_, i) => ({ name: `ns-${i}`, labels: {} }));
    const pods = namespaces.flatMap((ns) =>
      Array.from({ length: 60 }, (_, j) => ({
        namespace: ns.name,
        name: `p-${j}`,
        labels: { app: `a${j % 5}` },
        hostNetwork: false,
      })),
    );
    const assessment = assessImds({ ...facts, namespaces, pods });
    expect(assessment.namespaces).toHaveLength(500);
    expect(assessment.findings).toHaveLength(500);
  });
});
