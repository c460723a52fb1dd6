import { expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../src/checks/imds/assess.js';

// Calico (docs.tigera.io/calico/latest/reference/resources/networkpolicy, "order"): a Calico
// policy ordered before the NetworkPolicies (order < 1000) decides first, so its Allow lets pods
// reach 169.254.169.254 whatever the NetworkPolicies say. README (imds): with the engine unknown
// the verdict is "each of the three engines, the most open verdict"; the engines' own policies are
// read "when discovery shows them" and judged with the NetworkPolicies. With only a kubeconfig
// the step reads this Calico policy but never judges it (engine rules are skipped while
// enforcement is unknown), so shop reads "blocked if enforced" with no finding of its own,
// though on Calico, the engine whose policies are there, it is open.
it.fails(
  'with the engine unknown, a Calico Allow at order 100 that opens the endpoint is not passed as blocked',
  () => {
    const facts: ImdsFacts = {
      engine: { known: false, why: 'no Azure access (kubeconfig only)' },
      enginePolicies: [
        {
          engine: 'calico',
          kind: 'NetworkPolicy',
          apiVersion: 'crd.projectcalico.org/v1',
          served: true,
          objects: [
            {
              namespace: 'shop',
              name: 'allow-out-first',
              spec: {
                selector: 'all()',
                order: 100,
                types: ['Egress'],
                egress: [{ action: 'Allow' }],
              },
            },
          ],
        },
      ],
      namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
      pods: [{ namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false }],
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
    expect(shop.kind).not.toBe('blocked');
    expect(a.findings.filter((f) => f.object?.name === 'shop').map((f) => f.id)).not.toEqual([]);
  },
);
