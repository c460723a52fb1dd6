// The targeted policy for unisolated pods used to be named restrict-instance-metadata-<n> by its
// place in this look's list of groups. After a targeted policy for app=a was applied, the next look
// proposed the policy for app=b under the same name, checked as if added beside the first; but
// `kubectl apply -f` replaces the stored object of that name, so app=a lost its only egress policy
// and reached 169.254.169.254 again. Spec: one object per name and kind in a namespace
// (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/) and "Isolation for
// egress" on the NetworkPolicy page. The name now comes from the selector, and a name already
// stored is checked as a replacement.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits, type EngineFacts } from '../../../src/checks/imds/engine.js';
import { OUR_LABELS, type PolicyFacts } from '../../../src/checks/imds/facts.js';
import { allButImdsPeers } from '../../../src/checks/imds/policy.js';
import { targetedPolicies } from '../../../src/checks/imds/proposals.js';
import { targetedPolicyName } from '../../../src/checks/imds/targeted-name.js';

const engine: EngineFacts = {
  known: true,
  networkPlugin: 'azure',
  networkPolicy: 'calico',
  resourceGroup: 'rg',
  cluster: 'aks',
};
const traits = engineTraits(engine);
const ns = 'shop';

function factsWith(stored: PolicyFacts): ImdsFacts {
  return {
    engine,
    namespaces: [{ name: ns, labels: { 'kubernetes.io/metadata.name': ns } }],
    pods: [
      { namespace: ns, name: 'a-1', labels: { app: 'a' }, hostNetwork: false },
      { namespace: ns, name: 'b-1', labels: { app: 'b' }, hostNetwork: false },
    ],
    policies: [stored],
  };
}

/** A targeted policy for app=a as the step writes it, under the given name. */
function forA(name: string): PolicyFacts {
  return {
    namespace: ns,
    name,
    labels: { ...OUR_LABELS },
    podSelector: { matchLabels: { app: 'a' } },
    policyTypes: ['Egress'],
    egress: [{ to: allButImdsPeers(traits) }],
  };
}

function proposal(facts: ImdsFacts) {
  const verdict = assessImds(facts).namespaces.find((a) => a.verdict.namespace === ns)!.verdict;
  expect(verdict.kind).toBe('partial');
  const fixes = targetedPolicies(verdict, facts, traits);
  expect(fixes).toHaveLength(1);
  return fixes[0]!;
}

describe('imds targeted policies', () => {
  it('never proposes a name that an existing policy of the namespace already has', () => {
    // Applied after an earlier look, under the name the old code gave by position.
    const facts = factsWith(forA('restrict-instance-metadata-1'));
    const fix = proposal(facts);
    expect(fix.offered).toBe(true);
    const name = (parse(fix.yaml) as { metadata: { name: string } }).metadata.name;
    expect(facts.policies.map((p) => p.name)).not.toContain(name);
  });

  it('names by selector: the same on every look, whatever the order, and apart for others', () => {
    const one = targetedPolicyName({
      matchLabels: { app: 'b', tier: 'web' },
      matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['2', '1'] }],
    });
    const again = targetedPolicyName({
      matchLabels: { tier: 'web', app: 'b' },
      matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['1', '2'] }],
    });
    expect(one).toBe(again);
    expect(one).toMatch(/^restrict-instance-metadata-[0-9a-f]{10}$/);
    expect(targetedPolicyName({ matchLabels: { app: 'a' } })).not.toBe(
      targetedPolicyName({ matchLabels: { app: 'b' } }),
    );
  });

  it('checks a name already stored as a replacement: taking app=a its only policy is refused', () => {
    // Whoever wrote it, a policy under the name app=b's selector gives now selects app=a.
    const facts = factsWith(forA(targetedPolicyName({ matchLabels: { app: 'b' } })));
    const fix = proposal(facts);
    expect(fix.title).toMatch(/REPLACES NetworkPolicy shop\/restrict-instance-metadata-/);
    expect(fix.offered).toBe(false);
    expect(fix.yaml).toBe('');
    expect(fix.notes.join(' ')).toMatch(/Not offered/);
  });
});
