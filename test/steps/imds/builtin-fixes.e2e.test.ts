// No change the imds step would offer, in any built-in scenario, opens anything: each is checked
// again here by the blunt search of the property tests, on every data plane the engine may be.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  assessImds,
  type ImdsAssessment,
  type ImdsFacts,
} from '../../../src/checks/imds/assess.js';
import {
  engineTraits,
  ipv6PeerSafe,
  planesToCheck,
  verdictPlanes,
} from '../../../src/checks/imds/engine.js';
import { checkChange } from '../../../src/checks/imds/fix-check.js';
import { applyEdit, policyEdit } from '../../../src/checks/imds/fixes.js';
import { restrictImdsPolicy } from '../../../src/checks/imds/policy.js';
import {
  namespacePolicyCheck,
  proposalsFor,
  type ProposedFix,
} from '../../../src/checks/imds/proposals.js';
import type { PolicyFacts } from '../../../src/checks/netpol/model.js';
import { builtInScenarios } from '../../../src/sim/scenarios/index.js';
import { startSimulator } from '../../../src/sim/simulator.js';
import { readImdsFacts } from '../../../src/steps/imds/read-facts.js';
import { connectToSim } from '../../helpers/sim-session.js';
import { bruteAdditions } from '../../checks/imds/brute-force.js';

/** The facts the step reads, or undefined where the operator may not read them (nothing is offered). */
async function factsOf(scenario: string): Promise<ImdsFacts | undefined> {
  const sim = await startSimulator({ scenario, speed: 600 });
  try {
    const read = await readImdsFacts(await connectToSim(sim));
    return 'forbidden' in read ? undefined : read.facts;
  } finally {
    await sim.close();
  }
}

/** Every change the step would offer in the namespace, as the namespace's policies after it. */
function offered(
  facts: ImdsFacts,
  assessment: ImdsAssessment,
  proposals: Map<string, ProposedFix[]>,
  namespace: string,
): Array<{ what: string; after: PolicyFacts[] }> {
  const verdict = assessment.namespaces.find((a) => a.verdict.namespace === namespace)!.verdict;
  const traits = engineTraits(facts.engine);
  const mine = facts.policies.filter((p) => p.namespace === namespace);
  const out: Array<{ what: string; after: PolicyFacts[] }> = [];
  if (verdict.kind === 'exposed' && namespacePolicyCheck(facts, namespace, traits).safe) {
    const m = restrictImdsPolicy(namespace, traits);
    out.push({
      what: 'namespace policy',
      after: [...mine, { namespace, name: m.metadata.name, ...m.spec }],
    });
  }
  for (const name of new Set(verdict.reopenings.map((r) => r.policy))) {
    const policy = mine.find((p) => p.name === name)!;
    const after = mine.map((p) =>
      p === policy
        ? applyEdit(
            p,
            policyEdit(p, verdictPlanes(facts.engine), {
              ipv6: ipv6PeerSafe(facts.engine),
            })!,
          )
        : p,
    );
    if (checkChange(facts, namespace, after).safe) out.push({ what: `edit ${name}`, after });
  }
  for (const fix of proposals.get(namespace) ?? []) {
    if (!fix.offered || !fix.title.startsWith('Targeted')) continue;
    const m = parse(fix.yaml) as { metadata: { name: string }; spec: object };
    // kubectl apply replaces a policy of the same name: it is gone after, not kept beside.
    const kept = mine.filter((p) => p.name !== m.metadata.name);
    out.push({
      what: fix.title,
      after: [...kept, { namespace, name: m.metadata.name, ...m.spec }],
    });
  }
  return out;
}

describe('no fix offered in a built-in scenario widens reachability', () => {
  // `huge` is `large` five times over (minutes to start): only the bench runs it.
  for (const scenario of Object.keys(builtInScenarios).filter((s) => s !== 'huge')) {
    it(
      scenario,
      async () => {
        const facts = await factsOf(scenario);
        if (!facts) return; // the operator may not read policies there: nothing is offered
        const assessment = assessImds(facts);
        const proposals = proposalsFor(facts, assessment, engineTraits(facts.engine));
        // The large scenario's 500 namespaces are alike: a sample of them is enough here.
        const namespaces = facts.namespaces
          .map((n) => n.name)
          .slice(0, scenario === 'large' ? 12 : undefined);
        let changes = 0;
        for (const namespace of namespaces) {
          const pods = facts.pods
            .filter((p) => p.namespace === namespace)
            .concat(facts.pods.filter((p) => p.namespace !== namespace).slice(0, 40));
          const input = {
            namespace,
            namespaces: facts.namespaces,
            pods,
            extraAddresses: [],
            extraPorts: [],
          };
          const mine = facts.policies.filter((p) => p.namespace === namespace);
          for (const change of offered(facts, assessment, proposals, namespace)) {
            changes++;
            expect(
              bruteAdditions(input, mine, change.after, planesToCheck(facts.engine)),
              `${namespace}: ${change.what}`,
            ).toEqual([]);
          }
        }
        expect(changes).toBeGreaterThan(0);
      },
      // `large` takes 9-15 s on a quiet 2-core machine and 60 s at load 29: the work is real.
      180_000,
    );
  }
});
