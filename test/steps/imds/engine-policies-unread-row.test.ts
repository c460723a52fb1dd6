import { expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits } from '../../../src/checks/imds/engine.js';
import { viewText } from '../../../src/steps/contract/view.js';
import { buildRows } from '../../../src/steps/imds/rows.js';

// Cilium policy language (docs.cilium.io/en/stable/security/policy/language/): allows of
// CiliumNetworkPolicies and NetworkPolicies add up. README (imds): "Where the engine's policies
// restrict a namespace the step offers no NetworkPolicy of its own there (it would widen them)".
// When the CiliumNetworkPolicy list is refused, the step cannot know whether a Cilium allow-list
// restricts the namespace, yet it offers to create allow-all-but-metadata there, saying it is
// "checked to open nothing new" and "only removes 169.254.169.254": an unchecked, possibly
// widening change under a read fault.
it('the namespace policy is not offered as safe while the engine’s own policies could not be read', () => {
  const facts: ImdsFacts = {
    engine: {
      known: true,
      networkPlugin: 'azure',
      networkPolicy: 'cilium',
      networkDataplane: 'cilium',
      resourceGroup: 'rg',
      cluster: 'aks',
    },
    enginePolicies: [
      {
        engine: 'cilium',
        kind: 'CiliumNetworkPolicy',
        apiVersion: 'cilium.io/v2',
        unread: 'ciliumnetworkpolicies.cilium.io is forbidden',
      },
    ],
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [
      {
        namespace: 'shop',
        name: 'db-1',
        labels: { app: 'db' },
        hostNetwork: false,
        ip: '10.244.0.6',
      },
    ],
    policies: [],
  };
  const assessment = assessImds(facts);
  expect(assessment.findings.map((f) => f.id)).toContain('imds.engine-policies-unread');
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
  expect(viewText(row!.details)).toContain('CiliumNetworkPolicy (cilium.io/v2) could not be read');
});
