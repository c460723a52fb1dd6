import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateNamespace } from '../../../src/checks/imds/evaluate.js';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { IMDS_CONNECTION, IMDS_ENDPOINT } from '../../../src/checks/imds/endpoint.js';
import {
  engineTraits,
  ipv6PeerSafe,
  planesToCheck,
  verdictPlane,
  verdictPlanes,
} from '../../../src/checks/imds/engine.js';
import { checkChange } from '../../../src/checks/imds/fix-check.js';
import { applyEdit, policyEdit } from '../../../src/checks/imds/fixes.js';
import { restrictImdsPolicy } from '../../../src/checks/imds/policy.js';
import { namespacePolicyCheck, targetedPolicies } from '../../../src/checks/imds/proposals.js';
import type { PolicyFacts } from '../../../src/checks/netpol/model.js';
import { clusterNamedPorts } from '../../../src/checks/netpol/ports.js';
import { Reachability } from '../../../src/checks/netpol/reach.js';
import { selectorMatches } from '../../../src/checks/label-selector.js';
import { parse } from 'yaml';
import { engineArb, NAMESPACES, NS, podsArb, policiesArb, ruleArb } from './arbitraries.js';
import { bruteAdditions } from './brute-force.js';

// Properties of the fixes over random valid policies, pods and engines:
// 1. every change the step would offer opens nothing (checked by a blunter, independent search
//    with random extra addresses and ports, on every data plane the engine may be);
// 2. after all offered changes, 169.254.169.254:80 is closed for every pod they cover;
// 3. all offered changes together open nothing;
// 4. the check is sound: whenever the blunt search finds a change opening something, the check
//    refuses it (random rules added to random policies).

const RUNS = Number(process.env['FIX_PROPERTY_RUNS'] ?? 300);
// A few hundred random worlds each: seconds on a quiet machine, a minute on a loaded one.
const PROPERTY_TIMEOUT = 180_000;

const worldArb = fc.record({
  engine: engineArb,
  pods: podsArb,
  policies: policiesArb,
  extraAddresses: fc.array(fc.oneof(fc.ipV4(), fc.ipV6()), { maxLength: 4 }),
  extraPorts: fc.array(fc.integer({ min: 1, max: 65535 }), { maxLength: 4 }),
});

/** The changes the step would offer for the namespace, as its policies after each one. */
function offeredChanges(facts: ImdsFacts): Array<{ what: string; after: PolicyFacts[] }> {
  const assessment = assessImds(facts);
  const verdict = assessment.namespaces.find((a) => a.verdict.namespace === NS)!.verdict;
  const traits = engineTraits(facts.engine);
  const mine = facts.policies.filter((p) => p.namespace === NS);
  const out: Array<{ what: string; after: PolicyFacts[] }> = [];
  if (verdict.kind === 'exposed' && namespacePolicyCheck(facts, NS, traits).safe) {
    const m = restrictImdsPolicy(NS, traits);
    out.push({
      what: 'namespace policy',
      after: [
        ...mine,
        { namespace: NS, name: m.metadata.name, labels: m.metadata.labels, ...m.spec },
      ],
    });
  }
  for (const name of new Set(verdict.reopenings.map((r) => r.policy))) {
    const policy = mine.find((p) => p.name === name)!;
    const edit = policyEdit(policy, verdictPlanes(facts.engine), {
      ipv6: ipv6PeerSafe(facts.engine),
    })!;
    const after = mine.map((p) => (p === policy ? applyEdit(p, edit) : p));
    if (checkChange(facts, NS, after).safe) out.push({ what: `edit ${name}`, after });
  }
  if (verdict.kind === 'partial' || verdict.kind === 'reopened') {
    for (const fix of targetedPolicies(verdict, facts, traits)) {
      if (!fix.offered) continue;
      const m = parse(fix.yaml) as {
        metadata: { name: string; labels: Record<string, string> };
        spec: object;
      };
      out.push({
        what: fix.title,
        after: [
          ...mine,
          { namespace: NS, name: m.metadata.name, labels: m.metadata.labels, ...m.spec },
        ],
      });
    }
  }
  return out;
}

/** All offered changes at once: each edit replaces its policy, each new policy is added. */
function combined(
  mine: readonly PolicyFacts[],
  changes: Array<{ after: PolicyFacts[] }>,
): PolicyFacts[] {
  const byName = new Map(mine.map((p) => [p.name, p]));
  for (const change of changes)
    for (const p of change.after) if (!mine.includes(p)) byName.set(p.name, p);
  return [...byName.values()];
}

describe('fixes never widen (property tests)', () => {
  it(
    'every offered change, and all of them together, open nothing; the endpoint is closed for the pods they cover',
    () => {
      fc.assert(
        fc.property(worldArb, (w) => {
          const facts: ImdsFacts = {
            engine: w.engine,
            namespaces: NAMESPACES,
            pods: w.pods,
            policies: w.policies,
          };
          const input = {
            namespace: NS,
            namespaces: NAMESPACES,
            pods: w.pods,
            extraAddresses: w.extraAddresses,
            extraPorts: w.extraPorts,
          };
          const planes = planesToCheck(w.engine);
          const mine = w.policies.filter((p) => p.namespace === NS);
          const changes = offeredChanges(facts);
          for (const change of changes) {
            expect(bruteAdditions(input, mine, change.after, planes), change.what).toEqual([]);
          }
          const all = combined(mine, changes);
          expect(bruteAdditions(input, mine, all, planes), 'all changes together').toEqual([]);

          // The endpoint after every offered change: closed for each pod some change covers.
          // Judged on the plane `reach` asks below: with the engine unknown, the step's verdict is
          // the most open one over every engine, which may come from another plane.
          const before = evaluateNamespace(
            NAMESPACES.find((n) => n.name === NS)!,
            w.policies,
            w.pods.filter((p) => p.namespace === NS),
            { plane: verdictPlane(w.engine), clusterPorts: clusterNamedPorts(w.pods) },
          );
          const reach = new Reachability(
            { namespaces: NAMESPACES, policies: all, clusterPorts: clusterNamedPorts(w.pods) },
            verdictPlane(w.engine),
          );
          // An edit may be refused for good reason: on Azure NPM a policy it drops (an IPv6
          // ipBlock) comes into effect once the edit takes the block out, and may then allow more
          // than before. The endpoint is promised closed only when every reopening edit is offered.
          const edited = new Set(changes.map((c) => c.what));
          if (before.reopenings.some((r) => !edited.has(`edit ${r.policy}`))) return;
          const targeted = all.filter((p) => !mine.some((m) => m.name === p.name));
          for (const pod of w.pods.filter((p) => p.namespace === NS && !p.hostNetwork)) {
            const wasIsolated = !before.unisolated.some((g) => g.pods.includes(pod.name));
            const covered =
              wasIsolated || targeted.some((p) => selectorMatches(p.podSelector ?? {}, pod.labels));
            if (covered)
              expect(reach.egress(pod, IMDS_ENDPOINT, IMDS_CONNECTION).allowed, pod.name).toBe(
                false,
              );
          }
          // Not offered beside a policy the engine drops whole that it would widen once in
          // effect (an egress lockdown with an IPv6 block on Azure NPM): nothing is promised then.
          if (before.kind === 'exposed' && edited.has('namespace policy'))
            expect(
              reach.egress({ namespace: NS, labels: {} }, IMDS_ENDPOINT, IMDS_CONNECTION).allowed,
            ).toBe(false);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'the check refuses every change the blunt search sees opening something',
    () => {
      fc.assert(
        fc.property(worldArb, ruleArb, fc.nat(), (w, rule, at) => {
          const mine = w.policies.filter((p) => p.namespace === NS);
          fc.pre(mine.length > 0);
          const target = mine[at % mine.length]!;
          const after = mine.map((p) =>
            p === target ? { ...p, egress: [...(p.egress ?? []), rule] } : p,
          );
          const facts: ImdsFacts = {
            engine: w.engine,
            namespaces: NAMESPACES,
            pods: w.pods,
            policies: w.policies,
          };
          const input = {
            namespace: NS,
            namespaces: NAMESPACES,
            pods: w.pods,
            extraAddresses: w.extraAddresses,
            extraPorts: w.extraPorts,
          };
          const opened = bruteAdditions(input, mine, after, planesToCheck(w.engine));
          if (opened.length > 0) expect(checkChange(facts, NS, after).safe, opened[0]).toBe(false);
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe('the widening the issue found', () => {
  const facts = (policies: PolicyFacts[]): ImdsFacts => ({
    engine: { known: true, resourceGroup: 'rg', cluster: 'aks', networkPolicy: 'calico' },
    namespaces: NAMESPACES,
    pods: [
      { namespace: NS, name: 'web', labels: { app: 'web' }, hostNetwork: false, ip: '10.244.0.9' },
    ],
    policies,
  });
  const onlyImds: PolicyFacts = {
    namespace: NS,
    name: 'imds-only',
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: { cidr: '169.254.169.254/32' } }] }],
  };

  it('leaving `to: []` after removing the only peer is refused: it would open everything', () => {
    const widened = { ...onlyImds, egress: [{ to: [] }] };
    const check = checkChange(facts([onlyImds]), NS, [widened]);
    expect(check.safe).toBe(false);
    expect(check.why).toMatch(/^it would newly allow pod web → /);
  });

  it('the derived fix deletes the rule; the check proves it closes only the endpoint', () => {
    const edit = policyEdit(onlyImds, verdictPlanes(facts([]).engine))!;
    expect(edit.egress).toEqual([]);
    expect(edit.changes).toEqual(['rule 0: deleted (169.254.169.254 was all it allowed)']);
    const check = checkChange(facts([onlyImds]), NS, [applyEdit(onlyImds, edit)]);
    expect(check).toMatchObject({ safe: true, alsoCloses: [] });
  });

  it('with policyTypes left implicit, the emptied egress keeps Egress isolation', () => {
    const implicit = { ...onlyImds, policyTypes: undefined } as PolicyFacts;
    delete implicit.policyTypes;
    const edit = policyEdit(implicit, verdictPlanes(facts([]).engine))!;
    expect(edit.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(checkChange(facts([implicit]), NS, [applyEdit(implicit, edit)]).safe).toBe(true);
    const { policyTypes: _dropped, ...withoutTypes } = applyEdit(implicit, edit);
    expect(checkChange(facts([implicit]), NS, [withoutTypes]).safe).toBe(false);
  });
});
