// The targeted policy for unisolated pods is named restrict-instance-metadata-<n> by its place in
// this look's list of groups, without regard to the policies already in the namespace. After an
// earlier targeted policy (for app=a) was applied, the next look proposes the policy for app=b
// under the same name, checked as if it were added beside the first. `kubectl apply -f` (what
// the step tells the operator to run) replaces the stored object of that name instead: app=a
// loses its only egress policy and reaches 169.254.169.254 again, which the check never saw.
// Spec: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ (one object
// per name and kind in a namespace) and the NetworkPolicy page ("Isolation for egress").
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { assessImds, type ImdsFacts } from '../../src/checks/imds/assess.js';
import { engineTraits, type EngineFacts } from '../../src/checks/imds/engine.js';
import { OUR_LABELS } from '../../src/checks/imds/facts.js';
import { allButImdsPeers } from '../../src/checks/imds/policy.js';
import { targetedPolicies } from '../../src/checks/imds/proposals.js';

const engine: EngineFacts = {
  known: true,
  networkPlugin: 'azure',
  networkPolicy: 'calico',
  resourceGroup: 'rg',
  cluster: 'aks',
};
const traits = engineTraits(engine);
const ns = 'shop';

describe('imds targeted policies', () => {
  it.fails('never proposes a name that an existing policy of the namespace already has', () => {
    const facts: ImdsFacts = {
      engine,
      namespaces: [{ name: ns, labels: { 'kubernetes.io/metadata.name': ns } }],
      pods: [
        { namespace: ns, name: 'a-1', labels: { app: 'a' }, hostNetwork: false },
        { namespace: ns, name: 'b-1', labels: { app: 'b' }, hostNetwork: false },
      ],
      policies: [
        {
          // Applied after an earlier look, from the step's own targeted YAML for app=a.
          namespace: ns,
          name: 'restrict-instance-metadata-1',
          labels: { ...OUR_LABELS },
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
          egress: [{ to: allButImdsPeers(traits) }],
        },
      ],
    };
    const verdict = assessImds(facts).namespaces.find((a) => a.verdict.namespace === ns)!.verdict;
    expect(verdict.kind).toBe('partial');
    const [fix] = targetedPolicies(verdict, facts, traits);
    expect(fix?.offered).toBe(true);
    const name = (parse(fix!.yaml) as { metadata: { name: string } }).metadata.name;
    expect(facts.policies.map((p) => p.name)).not.toContain(name);
  });
});
