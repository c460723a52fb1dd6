import { describe, expect, it } from 'vitest';
import { budgetCanRefuse, planNode } from '../../../src/checks/drain/plan.js';
import { DEFAULT_DRAIN_OPTIONS, type DrainPdb, type DrainPod } from '../../../src/model/drain.js';
import { webBudget, webPod } from './spec-facts.js';

// Cases from the eviction subresource's order (kubernetes pkg/registry/core/pod/storage/
// eviction.go): a pod that may ignore budgets (Succeeded, Failed, Pending, terminating) is
// deleted before budgets are looked up; only then do several budgets refuse (500); an unready pod skips the budget when the
// budget's unhealthyPodEvictionPolicy is AlwaysAllow, or by default while the budget is healthy.

const pod = webPod;
// Unhealthy by default: one of the two pods it wants is healthy.
const budget = (name: string, over: Partial<DrainPdb> = {}): DrainPdb =>
  webBudget(name, { currentHealthy: 1, ...over });
const verdict = (p: DrainPod, pdbs: DrainPdb[]) => {
  const plan = planNode('n1', [p], { daemonSets: new Set(), pdbs }, DEFAULT_DRAIN_OPTIONS);
  return plan.evict.length > 0 ? 'evict' : (plan.blocked[0]?.cause ?? 'skip');
};

describe('eviction order', () => {
  const two = [budget('a'), budget('b')];
  const cases: Array<[string, DrainPod, DrainPdb[], string]> = [
    ['Running, two budgets: refused', pod('p'), two, 'several-pdbs'],
    ['Pending, two budgets: deleted first', pod('p', { phase: 'Pending' }), two, 'evict'],
    ['terminating, two budgets: deleted first', pod('p', { terminating: true }), two, 'evict'],
    ['Pending, budget at 0', pod('p', { phase: 'Pending', ready: false }), [budget('a')], 'evict'],
    // Finished pods: the eviction API deletes them before it looks for budgets (canIgnorePDB).
    ['Succeeded, budget at 0', pod('p', { phase: 'Succeeded', ready: false }), two, 'evict'],
    ['Failed, budget at 0', pod('p', { phase: 'Failed', ready: false }), [budget('a')], 'evict'],
    ['ready, budget at 0', pod('p'), [budget('a')], 'pdb'],
    ['unready, unhealthy budget, default policy', pod('p', { ready: false }), [budget('a')], 'pdb'],
    [
      'unready, unhealthy budget, AlwaysAllow',
      pod('p', { ready: false }),
      [budget('a', { unhealthyPodEvictionPolicy: 'AlwaysAllow' })],
      'evict',
    ],
    [
      'unready, healthy budget at 0 allowed, IfHealthyBudget',
      pod('p', { ready: false }),
      [budget('a', { currentHealthy: 2, unhealthyPodEvictionPolicy: 'IfHealthyBudget' })],
      'evict',
    ],
    [
      'ready, AlwaysAllow changes nothing for ready pods',
      pod('p'),
      [budget('a', { unhealthyPodEvictionPolicy: 'AlwaysAllow' })],
      'pdb',
    ],
  ];
  it.each(cases)('%s', (_, p, pdbs, expected) => {
    expect(verdict(p, pdbs)).toBe(expected);
  });
});

describe('which pods a budget can hold up (what the upgrade preflight counts)', () => {
  it.each<[string, DrainPod, DrainPdb, boolean]>([
    ['ready, running', pod('p'), budget('a'), true],
    ['Pending', pod('p', { phase: 'Pending', ready: false }), budget('a'), false],
    ['terminating', pod('p', { terminating: true }), budget('a'), false],
    ['Succeeded', pod('p', { phase: 'Succeeded', ready: false }), budget('a'), false],
    ['Failed', pod('p', { phase: 'Failed', ready: false }), budget('a'), false],
    ['Succeeded, still marked Ready', pod('p', { phase: 'Succeeded' }), budget('a'), false],
    ['unready, default policy, unhealthy budget', pod('p', { ready: false }), budget('a'), true],
    [
      'unready, AlwaysAllow',
      pod('p', { ready: false }),
      budget('a', { unhealthyPodEvictionPolicy: 'AlwaysAllow' }),
      false,
    ],
    [
      'unready, healthy budget',
      pod('p', { ready: false }),
      budget('a', { currentHealthy: 2 }),
      false,
    ],
  ])('%s: %s', (_, p, b, expected) => {
    expect(budgetCanRefuse(p, b)).toBe(expected);
  });
});
