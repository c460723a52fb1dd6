// Rollback deletes only what this step made. A policy that carries our two labels but not a spec
// this step writes (here a default-deny egress, e.g. a GitOps copy of the shown YAML tightened by
// its owner) is kept and named: deleting it would lift every pod's egress isolation, since a pod
// selected by no egress policy is unrestricted
// (https://kubernetes.io/docs/concepts/services-networking/network-policies/, "Isolation for egress").
import { describe, expect, it } from 'vitest';
import { OUR_LABELS, type PolicyFacts } from '../../../src/checks/imds/facts.js';
import { restrictImdsPolicy } from '../../../src/checks/imds/policy.js';
import { engineTraits } from '../../../src/checks/imds/engine.js';
import { ourPolicies, rollbackPlan } from '../../../src/steps/imds/rollback.js';
import { policyFacts } from '../../../src/steps/imds/policy-facts.js';

function traitsOf(networkPolicy: string) {
  return engineTraits({
    known: true,
    networkPlugin: 'azure',
    networkPolicy,
    resourceGroup: 'rg',
    cluster: 'aks',
  });
}

/** Our policy as the API server stores it and the step reads it back. */
function stored(namespace: string, networkPolicy: string): PolicyFacts {
  return policyFacts(restrictImdsPolicy(namespace, traitsOf(networkPolicy)));
}

const tightened: PolicyFacts = {
  namespace: 'payments',
  name: 'restrict-instance-metadata',
  labels: { ...OUR_LABELS },
  podSelector: {},
  policyTypes: ['Egress'],
  // Default deny: no rule at all; nothing this step creates looks like this.
  egress: [],
};

describe('imds rollback', () => {
  it('does not delete a labelled policy whose spec is not one this step creates', () => {
    const made = restrictImdsPolicy('shop', traitsOf('calico'));
    const ours: PolicyFacts = {
      namespace: 'shop',
      name: made.metadata.name,
      labels: made.metadata.labels,
      podSelector: made.spec.podSelector,
      policyTypes: made.spec.policyTypes,
      egress: made.spec.egress,
    };
    const picked = ourPolicies([ours, tightened]).map((p) => `${p.namespace}/${p.name}`);
    expect(picked).toEqual(['shop/restrict-instance-metadata']);
  });

  it('recognises its policy as read back, on Calico and on Cilium, and targeted ones', () => {
    const targeted = {
      ...stored('web', 'calico'),
      name: 'x',
      podSelector: { matchLabels: { app: 'a' } },
    };
    const all = [stored('shop', 'calico'), stored('api', 'cilium'), targeted];
    expect(ourPolicies(all)).toEqual(all);
  });

  it('keeps a labelled policy with an ingress rule, another policyType or an extra egress rule', () => {
    const base = stored('shop', 'calico');
    const variants: PolicyFacts[] = [
      { ...base, ingress: [{}] },
      { ...base, policyTypes: ['Egress', 'Ingress'] },
      { ...base, egress: [...(base.egress ?? []), { ports: [{ port: 53 }] }] },
      { ...base, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] },
      { ...base, labels: {} },
    ];
    expect(ourPolicies(variants)).toEqual([]);
  });

  it('names the kept policies in the plan, apart from what it deletes', () => {
    const lines = rollbackPlan([stored('shop', 'calico'), tightened]);
    expect(lines[0]).toBe('shop: delete NetworkPolicy restrict-instance-metadata');
    expect(lines.filter((l) => l.includes('delete NetworkPolicy'))).toHaveLength(1);
    expect(lines.slice(1).join('\n')).toMatch(
      /Kept:[\s\S]*payments: NetworkPolicy restrict-instance-metadata/,
    );
  });
});
