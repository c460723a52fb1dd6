// Which budgets an upgrade confirmation names for a pool, and what it says AKS will do.
import { describe, expect, it } from 'vitest';
import { poolBlockers } from '../../src/checks/versions/pool-blockers.js';
import type { PdbFacts } from '../../src/checks/versions/preflight.js';
import {
  aksDrainLine,
  poolDrainLines,
  poolsAfterLines,
} from '../../src/steps/upgrades/drain-truth.js';

const nodePools = { a1: 'apps', a2: 'apps', a3: 'apps', s1: 'system' };
const pdb = (name: string, allowed: number, podNodes: string[]): PdbFacts => ({
  namespace: 'payments',
  name,
  disruptionsAllowed: allowed,
  workloads: [`StatefulSet/${name}`],
  podNodes,
});
const apps = { name: 'apps', count: 3, settings: {} };

describe('pool blockers', () => {
  it('a budget allowing no disruption blocks the pool its pods run on, and only that pool', () => {
    const pdbs = [pdb('orders-db', 0, ['a1'])];
    expect(poolBlockers(apps, pdbs, nodePools)).toEqual([
      {
        pdb: 'payments/orders-db',
        workloads: ['StatefulSet/orders-db'],
        allowed: 0,
        podsInPool: 1,
        atOnce: 1,
        verdict: 'blocks',
      },
    ]);
    expect(poolBlockers({ name: 'system', count: 1, settings: {} }, pdbs, nodePools)).toEqual([]);
  });

  it('a batch (maxSurge nodes) holding more of its pods than it allows slows the pool', () => {
    const pdbs = [pdb('web', 1, ['a1', 'a1', 'a2'])];
    expect(poolBlockers(apps, pdbs, nodePools)[0]).toMatchObject({ verdict: 'slows', atOnce: 2 });
    // One pod per node and one node at a time: within the allowance.
    expect(poolBlockers(apps, [pdb('web', 1, ['a1', 'a2', 'a3'])], nodePools)).toEqual([]);
    // Three nodes at a time (maxSurge 3): three of its pods at once.
    const surge3 = { ...apps, settings: { maxSurge: '3' } };
    expect(poolBlockers(surge3, [pdb('web', 1, ['a1', 'a2', 'a3'])], nodePools)[0]).toMatchObject({
      verdict: 'slows',
      atOnce: 3,
    });
  });

  it('pods two budgets select block the pool, said once for the pair, whatever they allow', () => {
    // The eviction API refuses a pod under more than one budget (HTTP 500): AKS cannot drain it.
    const shared = [{ pod: 'payments/db-0', node: 'a1', pdbs: ['db', 'db-all'] }];
    const pdbs = ['db', 'db-all'].map((n) => ({ ...pdb(n, 3, []), sharedPods: shared }));
    const blockers = poolBlockers(apps, pdbs, nodePools);
    expect(blockers).toEqual([
      {
        pdb: 'payments/db, payments/db-all',
        workloads: ['StatefulSet/db'],
        allowed: 3,
        podsInPool: 1,
        atOnce: 1,
        verdict: 'blocks',
        shared: true,
      },
    ]);
    expect(poolBlockers({ name: 'system', count: 1, settings: {} }, pdbs, nodePools)).toEqual([]);
    expect(poolDrainLines({}, blockers)[1]).toContain(
      'PDBs payments/db, payments/db-all (StatefulSet/db) all select 1 pod on this pool',
    );
    expect(poolsAfterLines([{ pool: 'apps', blockers }])).toEqual([
      'The pool upgrades after this one are predicted to be blocked by:',
      '  • pool apps: PDBs payments/db, payments/db-all (select the same pod)',
    ]);
  });

  it('a budget whose status is not current yet blocks, said so, whatever its stale status allows', () => {
    // observedGeneration behind generation: the eviction API refuses its pods until it catches up.
    const stale = { ...pdb('orders-db', 0, ['a1']), statusBehind: true };
    const blockers = poolBlockers(apps, [stale], nodePools);
    expect(blockers).toEqual([
      {
        pdb: 'payments/orders-db',
        workloads: ['StatefulSet/orders-db'],
        allowed: 0,
        podsInPool: 1,
        atOnce: 1,
        verdict: 'blocks',
        notCurrent: true,
      },
    ]);
    // Counted as none even where the facts carry the stale number.
    expect(
      poolBlockers(apps, [{ ...pdb('orders-db', 2, ['a1']), statusBehind: true }], nodePools),
    ).toEqual(blockers);
    const lines = poolDrainLines({}, blockers);
    expect(lines[0]).toMatch(/^Predicted to block this upgrade/);
    expect(lines[1]).toBe(
      '  • PDB payments/orders-db (StatefulSet/orders-db): its status is not current yet (the disruption controller has not caught up with its latest spec): the eviction API refuses its 1 pod on this pool until it does',
    );
    expect(poolsAfterLines([{ pool: 'apps', blockers }])).toEqual([
      'The pool upgrades after this one are predicted to be blocked by:',
      '  • pool apps: PDB payments/orders-db (status not current yet)',
    ]);
  });

  it('lists blocking budgets before slowing ones', () => {
    const pdbs = [pdb('a-web', 1, ['a1', 'a1']), pdb('z-db', 0, ['a2'])];
    expect(poolBlockers(apps, pdbs, nodePools).map((b) => b.verdict)).toEqual(['blocks', 'slows']);
  });
});

describe('the confirmation lines', () => {
  it('names the budget and what AKS does, saying which settings are AKS defaults', () => {
    const lines = poolDrainLines({}, poolBlockers(apps, [pdb('orders-db', 0, ['a1'])], nodePools));
    expect(lines[0]).toBe(
      'Predicted to block this upgrade (PodDisruptionBudgets, as of the last look):',
    );
    expect(lines[1]).toContain(
      'PDB payments/orders-db (StatefulSet/orders-db) allows 0 disruptions',
    );
    expect(lines[2]).toContain('up to 30 min (drainTimeoutInMinutes unset: AKS default)');
    expect(lines[2]).toContain('undrainableNodeBehavior Schedule (unset: AKS default)');
  });

  it('follows the pool settings: Cordon quarantines the node', () => {
    const line = aksDrainLine({ drainTimeoutInMinutes: 45, undrainableNodeBehavior: 'Cordon' });
    expect(line).toContain('up to 45 min (drainTimeoutInMinutes)');
    expect(line).toContain('undrainableNodeBehavior Cordon: AKS then leaves the node cordoned');
  });

  it('says when no budget is predicted to block', () => {
    expect(poolDrainLines({}, [])[0]).toMatch(/^No PodDisruptionBudget is predicted to block/);
  });

  it('the control plane names the pools whose upgrades would be blocked next', () => {
    const blockers = poolBlockers(apps, [pdb('orders-db', 0, ['a1'])], nodePools);
    expect(
      poolsAfterLines([
        { pool: 'apps', blockers },
        { pool: 'system', blockers: [] },
      ]),
    ).toEqual([
      'The pool upgrades after this one are predicted to be blocked by:',
      '  • pool apps: PDB payments/orders-db (allows 0 disruptions)',
    ]);
    expect(poolsAfterLines([{ pool: 'system', blockers: [] }])).toEqual([]);
  });
});
