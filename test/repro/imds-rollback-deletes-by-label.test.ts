// Rollback (r on the imds step) picks what to delete by our two labels alone. A policy that
// carries them but is not what this step creates (here a hand-made default-deny egress, e.g. a
// GitOps copy of the shown YAML tightened by the owner) is deleted too, and the confirmation says
// only that pods regain 169.254.169.254: in fact every pod of the namespace loses its egress
// isolation. Spec: https://kubernetes.io/docs/concepts/services-networking/network-policies/
// ("Isolation for egress": a pod selected by no egress policy is unrestricted), so deleting the
// only egress policy widens egress to everything; rollback should delete only what this tool made
// (its spec, or the uid it journaled), and list any other labelled policy for the operator.
import { describe, expect, it } from 'vitest';
import { OUR_LABELS, type PolicyFacts } from '../../src/checks/imds/facts.js';
import { restrictImdsPolicy } from '../../src/checks/imds/policy.js';
import { engineTraits } from '../../src/checks/imds/engine.js';
import { ourPolicies } from '../../src/steps/imds/rollback.js';

const traits = engineTraits({
  known: true,
  networkPlugin: 'azure',
  networkPolicy: 'calico',
  resourceGroup: 'rg',
  cluster: 'aks',
});

describe('imds rollback', () => {
  it.fails('does not delete a labelled policy whose spec is not one this step creates', () => {
    const made = restrictImdsPolicy('shop', traits);
    const ours: PolicyFacts = {
      namespace: 'shop',
      name: made.metadata.name,
      labels: made.metadata.labels,
      podSelector: made.spec.podSelector,
      policyTypes: made.spec.policyTypes,
      egress: made.spec.egress,
    };
    const tightened: PolicyFacts = {
      namespace: 'payments',
      name: 'restrict-instance-metadata',
      labels: { ...OUR_LABELS },
      podSelector: {},
      policyTypes: ['Egress'],
      // Default deny: no rule at all; nothing this step creates looks like this.
      egress: [],
    };
    const picked = ourPolicies([ours, tightened]).map((p) => `${p.namespace}/${p.name}`);
    expect(picked).toContain('shop/restrict-instance-metadata');
    expect(picked).not.toContain('payments/restrict-instance-metadata');
  });
});
