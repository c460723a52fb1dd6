import { expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../src/checks/imds/assess.js';

// learn.microsoft.com/azure/aks/use-network-policies (engine table): Cilium enforces on Linux
// only; Azure NPM on Windows Server 2022 only as a preview, and refuses an ipBlock except there.
// README (imds): with the engine unknown the verdict is "each of the three engines, the most open
// verdict". With only a kubeconfig, a namespace of Windows pods whose policy excepts
// 169.254.169.254 reads "blocked if enforced: every pod, now and later, is kept from
// 169.254.169.254:80", though on Cilium or NPM (both possible) those pods are not held at all;
// with the engine known to be either, the same pods are imds.namespace-exposed.
it.fails('with the engine unknown, Windows pods are not judged blocked by an except policy', () => {
  const facts: ImdsFacts = {
    engine: { known: false, why: 'no Azure access (kubeconfig only)' },
    enginePolicies: [],
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [
      { namespace: 'shop', name: 'win-1', labels: { app: 'w' }, hostNetwork: false, windows: true },
    ],
    policies: [
      {
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
      },
    ],
  };
  const a = assessImds(facts);
  const shop = a.namespaces[0]!.verdict;
  expect(shop.windowsUnenforced?.pods).toEqual(['win-1']);
  expect(a.findings.map((f) => f.id)).toContain('imds.namespace-exposed');
});
