import { describe, expect, it } from 'vitest';
import { drainFindings, type DrainFacts } from '../../../src/checks/drain/findings.js';
import type { DrainPdb, DrainPod } from '../../../src/model/drain.js';
import { appsNode, webBudget, webPod } from './spec-facts.js';

// Eviction API (pkg/registry/core/pod/storage/eviction.go): every pod a drain evicts meets its
// PodDisruptionBudgets, whatever made kubectl ask for a flag first. kubectl's local-storage and
// controller filters are questions to the operator (--delete-emptydir-data, --force, and AKS's
// own drain says yes to both); once answered, the budget still refuses. Hand-written facts.

const facts = (pods: DrainPod[], pdbs: DrainPdb[], forbidden: string[] = []): DrainFacts => ({
  nodes: [appsNode('n1')],
  podsByNode: { n1: pods },
  world: { daemonSets: new Set(['shop/agent']), pdbs },
  forbidden,
});
const ids = (f: DrainFacts) =>
  drainFindings(f).map((x) => `${x.id} ${x.object?.name ?? ''}`.trim());

describe('budgets are judged on pods behind a flag question too', () => {
  it('a budget at 0 over pods with emptyDir data blocks the drain (and the emptyDir is said)', () => {
    const f = facts([webPod('web-1', { emptyDir: true })], [webBudget('web')]);
    expect(ids(f)).toEqual(['drain.pdb-blocks-eviction web', 'drain.emptydir-pod web-1']);
  });

  it('a budget at 0 over a bare pod blocks the forced drain too', () => {
    const f = facts([webPod('solo', { controller: undefined })], [webBudget('web')]);
    expect(ids(f)).toEqual(['drain.pdb-blocks-eviction web', 'drain.unreplicated-pod solo']);
  });

  it('a pod with emptyDir under two budgets is refused by the eviction API (500)', () => {
    const f = facts(
      [webPod('web-1', { emptyDir: true })],
      [webBudget('a', { disruptionsAllowed: 1 }), webBudget('b', { disruptionsAllowed: 1 })],
    );
    expect(ids(f)).toEqual(['drain.several-pdbs web-1', 'drain.emptydir-pod web-1']);
  });

  it('DaemonSet pods a drain leaves in place meet no budget', () => {
    const agent = webPod('agent-x', { controller: { kind: 'DaemonSet', name: 'agent' } });
    expect(ids(facts([agent], [webBudget('web')]))).toEqual([]);
    // DaemonSets unread: whether it would be evicted is unknown; only the refused read is said.
    expect(ids(facts([agent], [webBudget('web')], ['list daemonsets']))).toEqual([
      'drain.forbidden',
    ]);
  });

  it('pods the eviction API lets go without a budget stay free (Pending, terminating, unready)', () => {
    const free = [
      webPod('p', { phase: 'Pending', ready: false }),
      webPod('t', { terminating: true }),
      webPod('u', { ready: false }), // currentHealthy 2 >= desiredHealthy 2 > 0: IfHealthyBudget
    ];
    expect(ids(facts(free, [webBudget('web')]))).toEqual([]);
    const twice = [webPod('p', { phase: 'Pending', ready: false })];
    expect(ids(facts(twice, [webBudget('a'), webBudget('b')]))).toEqual([]);
  });

  it('a null selector matches no pod; an empty one matches every pod of its namespace', () => {
    const { selector: _none, ...nil } = webBudget('nil');
    expect(ids(facts([webPod('web-1')], [nil]))).toEqual([]);
    expect(ids(facts([webPod('web-1')], [webBudget('all', { selector: {} })]))).toEqual([
      'drain.pdb-blocks-eviction all',
    ]);
    const elsewhere = webBudget('other', { selector: {}, namespace: 'data' });
    expect(ids(facts([webPod('web-1')], [elsewhere]))).toEqual([]);
  });
});
