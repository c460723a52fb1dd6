// A namespace whose only egress policy selects none of its pods (say one written for `app: db`,
// with no db pod running): every pod reaches 169.254.169.254 exactly as with no policy at all,
// yet the verdict is `partial` and its only finding is imds.partial at medium, saying egress "is
// isolated for some pods" when it is isolated for none. Without that policy the same pods get
// imds.namespace-exposed at high: a policy for pods that do not exist lowers the severity of an
// unchanged exposure, so `audit --fail-on high` passes it.
// Spec: https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation
// (a pod is isolated for egress only if a policy with Egress selects it; otherwise all egress is allowed).
// Fixed: unselected current pods make imds.partial high; medium is only for pods created later.
import { describe, expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import type { PolicyFacts } from '../../../src/checks/imds/facts.js';

const facts = (policies: PolicyFacts[]): ImdsFacts => ({
  engine: {
    known: true,
    networkPlugin: 'azure',
    networkPolicy: 'calico',
    resourceGroup: 'rg',
    cluster: 'aks',
  },
  namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
  pods: [1, 2, 3].map((i) => ({
    namespace: 'shop',
    name: `web-${i}`,
    labels: { app: 'web' },
    hostNetwork: false,
  })),
  policies,
  enginePolicies: [],
});

const dbOnly: PolicyFacts = {
  namespace: 'shop',
  name: 'db-egress',
  podSelector: { matchLabels: { app: 'db' } },
  policyTypes: ['Egress'],
  egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }],
};

const severities = (f: ImdsFacts) =>
  assessImds(f)
    .findings.filter((x) => x.object?.name === 'shop')
    .map((x) => x.severity);

describe('imds: every pod unisolated, one egress policy for pods that do not exist', () => {
  it('is reported at the same high severity as with no policy at all', () => {
    const a = assessImds(facts([dbOnly]));
    // The fact under test: every pod reaches the endpoint, as with no policy.
    expect(a.namespaces[0]!.verdict.reachable).toEqual(['web-1', 'web-2', 'web-3']);
    expect(severities(facts([]))).toContain('high');
    expect(severities(facts([dbOnly]))).toContain('high');
  });
});

describe('imds.partial severity', () => {
  const web: PolicyFacts = {
    ...dbOnly,
    name: 'web-egress',
    podSelector: { matchLabels: { app: 'web' } },
  };
  it('stays medium when every current pod is isolated and only pods created later are not', () => {
    const partial = assessImds(facts([web])).findings.filter((f) => f.id === 'imds.partial');
    expect(partial.map((f) => f.severity)).toEqual(['medium']);
  });
  it('is high when some current pods are selected by no egress policy, whatever else exists', () => {
    const f = facts([web]);
    f.pods.push({ namespace: 'shop', name: 'job-1', labels: { app: 'job' }, hostNetwork: false });
    const partial = assessImds(f).findings.filter((x) => x.id === 'imds.partial');
    expect(partial.map((x) => x.severity)).toEqual(['high']);
    expect(partial[0]!.message).toContain('some pods');
  });
});
