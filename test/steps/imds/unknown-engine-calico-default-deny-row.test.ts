import { expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits } from '../../../src/checks/imds/engine.js';
import { viewText } from '../../../src/steps/contract/view.js';
import { buildRows } from '../../../src/steps/imds/rows.js';

// Calico (docs.tigera.io/calico/latest/network-policy/get-started/kubernetes-default-deny, and
// reference/resources/networkpolicy "order"): NetworkPolicies sit at order 1000 and the first Allow
// decides, so an allow-all-but-metadata NetworkPolicy lets pods past a GlobalNetworkPolicy
// default-deny at order 2000. README (imds): with the engine unknown "changes must be safe on all
// three" engines, and "where the engine's policies restrict a namespace the step offers no
// NetworkPolicy of its own there (it would widen them)". With only a kubeconfig, Calico's CRDs
// served and a global default-deny (DNS only) read, the step still offers to create its policy
// in shop (the NPM reading, with no Calico policy, is the "most open"), which on Calico opens
// the internet to pods that could reach only DNS.
it('with the engine unknown, no namespace policy is offered where a Calico default-deny restricts the pods', () => {
  const facts: ImdsFacts = {
    engine: { known: false, why: 'no Azure access (kubeconfig only)' },
    enginePolicies: [
      {
        engine: 'calico',
        kind: 'GlobalNetworkPolicy',
        apiVersion: 'crd.projectcalico.org/v1',
        served: true,
        objects: [
          {
            name: 'default-deny',
            spec: {
              selector: "projectcalico.org/namespace not in {'kube-system'}",
              order: 2000,
              types: ['Egress'],
              egress: [{ action: 'Allow', protocol: 'UDP', destination: { ports: [53] } }],
            },
          },
        ],
      },
    ],
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [{ namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false }],
    policies: [],
  };
  const assessment = assessImds(facts);
  const [row] = buildRows(
    assessment,
    new Map(),
    new Set(['shop']),
    new Map(),
    engineTraits(facts.engine),
  );
  expect(row!.action).not.toBe('create');
  // The row says why, plainly.
  expect(viewText(row!.details)).toContain('No NetworkPolicy is offered here: ');
  expect(viewText(row!.details)).toContain(
    'on Calico, GlobalNetworkPolicy default-deny already restricts the egress of pod web-1',
  );
});
