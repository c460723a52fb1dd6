// Which PodDisruptionBudgets refuse evicting a node's pods now, judged as the eviction API does.
import { describe, expect, it } from 'vitest';
import {
  budgetHolds,
  podsLeftToEvict,
  refusingBudgets,
} from '../../../src/checks/drain/budgets.js';
import type { DrainPdb, DrainPod } from '../../../src/model/drain.js';

const pod = (
  name: string,
  labels: Record<string, string>,
  extra: Partial<DrainPod> = {},
): DrainPod => ({
  namespace: 'payments',
  name,
  uid: name,
  phase: 'Running',
  labels,
  controller: { kind: 'StatefulSet', name: 'orders-db' },
  mirror: false,
  emptyDir: false,
  terminating: false,
  ready: true,
  ...extra,
});
const pdb = (name: string, allowed: number, app: string, healthy = 2, desired = 2): DrainPdb => ({
  namespace: 'payments',
  name,
  selector: { matchLabels: { app } },
  disruptionsAllowed: allowed,
  currentHealthy: healthy,
  desiredHealthy: desired,
});

describe('refusing budgets', () => {
  it('names a budget allowing no disruption, with the pods it holds', () => {
    expect(
      refusingBudgets('n1', [pod('orders-db-0', { app: 'db' })], [pdb('orders-db', 0, 'db')]),
    ).toEqual([{ pdb: 'payments/orders-db', pods: ['payments/orders-db-0'] }]);
  });

  it('spends a budget allowance on the first pods; the rest are refused', () => {
    const pods = [
      pod('web-a', { app: 'web' }),
      pod('web-b', { app: 'web' }),
      pod('web-c', { app: 'web' }),
    ];
    expect(refusingBudgets('n1', pods, [pdb('web', 1, 'web')])).toEqual([
      { pdb: 'payments/web', pods: ['payments/web-b', 'payments/web-c'] },
    ]);
  });

  it('refuses nothing when the allowance covers every pod, or no budget selects them', () => {
    const pods = [pod('web-a', { app: 'web' })];
    expect(refusingBudgets('n1', pods, [pdb('web', 1, 'web')])).toEqual([]);
    expect(refusingBudgets('n1', pods, [pdb('db', 0, 'db')])).toEqual([]);
  });

  it('lets an unready pod go while its budget is otherwise healthy (the API server does)', () => {
    const pods = [pod('orders-db-1', { app: 'db' }, { ready: false })];
    expect(refusingBudgets('n1', pods, [pdb('orders-db', 0, 'db', 2, 2)])).toEqual([]);
  });

  it('names both budgets of a pod that two select (the eviction API refuses it)', () => {
    const pods = [pod('orders-db-0', { app: 'db' })];
    expect(
      refusingBudgets('n1', pods, [pdb('a', 3, 'db'), pdb('b', 3, 'db')]).map((b) => b.pdb),
    ).toEqual(['payments/a', 'payments/b']);
  });

  it('leaves DaemonSet pods out while the DaemonSets are unread; judges orphans once read', () => {
    // A drain leaves a DaemonSet's pods and forces out those whose DaemonSet is gone; without the
    // DaemonSet list a DaemonSet pod is not taken for an orphan the budget would refuse.
    const agent = pod(
      'agent-x',
      { app: 'db' },
      { controller: { kind: 'DaemonSet', name: 'agent' } },
    );
    const budgets = [pdb('orders-db', 0, 'db')];
    expect(refusingBudgets('n1', [agent], budgets)).toEqual([]);
    expect(refusingBudgets('n1', [agent], budgets, new Set(['payments/agent']))).toEqual([]);
    expect(refusingBudgets('n1', [agent], budgets, new Set())).toEqual([
      { pdb: 'payments/orders-db', pods: ['payments/agent-x'] },
    ]);
  });
});

describe('budget holds (what an upgrade drain meets, whatever the budgets allow now)', () => {
  const world = (pdbs: DrainPdb[]) => ({ pdbs });
  const held = (pods: DrainPod[], pdbs: DrainPdb[]) =>
    budgetHolds(pods, world(pdbs)).map((h) => `${h.pod.name}:${h.pdbs.join('+')}`);

  it('names the budget of each pod it can hold, and both budgets of a pod under two', () => {
    const pods = [pod('db-0', { app: 'db', tier: 'x' }), pod('db-1', { app: 'db' })];
    const budgets = [
      pdb('a', 5, 'db'),
      { ...pdb('b', 5, 'db'), selector: { matchLabels: { tier: 'x' } } },
    ];
    expect(held(pods, budgets)).toEqual(['db-1:a', 'db-0:a+b']);
  });

  it('counts no DaemonSet, mirror, finished, Pending, terminating or free unready pod', () => {
    const pods = [
      pod('ds', { app: 'db' }, { controller: { kind: 'DaemonSet', name: 'agent' } }),
      pod('static', { app: 'db' }, { mirror: true, controller: { kind: 'Node', name: 'n1' } }),
      pod('done', { app: 'db' }, { phase: 'Succeeded' }),
      pod('pending', { app: 'db' }, { phase: 'Pending', ready: false }),
      pod('going', { app: 'db' }, { terminating: true }),
      pod('unready', { app: 'db' }, { ready: false }),
    ];
    expect(held(pods, [pdb('a', 0, 'db')])).toEqual([]);
    expect(held(pods, [pdb('a', 0, 'db'), pdb('b', 0, 'db')])).toEqual(['unready:a+b']);
  });
});

describe('pods left to evict (what AKS drain still has to move)', () => {
  const ds = (name: string, daemonSet: string, extra: Partial<DrainPod> = {}) =>
    pod(name, {}, { controller: { kind: 'DaemonSet', name: daemonSet }, ...extra });
  const pods = [
    pod('orders-db-0', { app: 'db' }),
    pod('bare', {}, { controller: undefined, emptyDir: true }),
    ds('agent-a', 'agent'),
    ds('retired-b', 'retired'),
    pod('static', {}, { mirror: true }),
    pod('job-done', {}, { phase: 'Succeeded' }),
  ];
  const names = (left: DrainPod[]) => left.map((p) => p.name);

  it('counts a pod whose DaemonSet is gone; leaves those of a DaemonSet that exists', () => {
    expect(names(podsLeftToEvict(pods, new Set(['payments/agent'])))).toEqual([
      'orders-db-0',
      'bare',
      'retired-b',
    ]);
  });

  it('leaves every DaemonSet pod out when the DaemonSets could not be read', () => {
    expect(names(podsLeftToEvict(pods))).toEqual(['orders-db-0', 'bare']);
  });
});
