import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetBlocked, budgetPlan } from '../../../src/checks/drain/budgets.js';
import type { DrainPdb, DrainPod } from '../../../src/model/drain.js';

const namespace = fc.constantFrom('shop', 'db', 'kube-system');
const app = fc.constantFrom('web', 'api');

const pod: fc.Arbitrary<DrainPod> = fc.record({
  namespace,
  name: fc.constantFrom('a', 'b', 'c', 'd'),
  uid: fc.constant('u'),
  phase: fc.constantFrom('Running', 'Pending', 'Succeeded'),
  labels: fc.record({ app }, { requiredKeys: [] }),
  controller: fc.option(
    fc.record({
      kind: fc.constantFrom('ReplicaSet', 'DaemonSet'),
      name: fc.constantFrom('x', 'y'),
    }),
    { nil: undefined },
  ),
  mirror: fc.boolean(),
  emptyDir: fc.boolean(),
  terminating: fc.boolean(),
  ready: fc.boolean(),
});

const pdb: fc.Arbitrary<DrainPdb> = fc.record(
  {
    namespace,
    name: fc.constantFrom('p1', 'p2'),
    // Absent (selects nothing), empty (the whole namespace), or by app.
    selector: fc.constantFrom({}, { matchLabels: { app: 'web' } }, { matchLabels: { app: 'api' } }),
    disruptionsAllowed: fc.nat(2),
    currentHealthy: fc.nat(3),
    desiredHealthy: fc.nat(3),
    unhealthyPodEvictionPolicy: fc.constantFrom('AlwaysAllow', 'IfHealthyBudget'),
  },
  { requiredKeys: ['namespace', 'name', 'disruptionsAllowed', 'currentHealthy', 'desiredHealthy'] },
);

describe('budgetBlocked', () => {
  it('blocks exactly what the budgets-only plan of every pod blocks, in its order', () => {
    fc.assert(
      fc.property(
        fc.array(pod, { maxLength: 12 }),
        fc.array(pdb, { maxLength: 4 }),
        fc.option(fc.constantFrom(new Set<string>(), new Set(['shop/x', 'db/y'])), {
          nil: undefined,
        }),
        (pods, pdbs, daemonSets) => {
          const world = { pdbs, ...(daemonSets ? { daemonSets } : {}) };
          expect(budgetBlocked('n', pods, world)).toEqual(budgetPlan('n', pods, world).blocked);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('judges no pod where no budget selects', () => {
    const pods = fc.sample(pod, 20);
    expect(budgetBlocked('n', pods, { pdbs: [] })).toEqual([]);
    const unselecting: DrainPdb = {
      namespace: 'shop',
      name: 'none',
      disruptionsAllowed: 0,
      currentHealthy: 0,
      desiredHealthy: 1,
    };
    expect(budgetBlocked('n', pods, { pdbs: [unselecting] })).toEqual([]);
  });
});
