// Two nodes drained at the same time (batch of 2) each hold one pod of a budget that allows one
// disruption: the eviction API grants the first and refuses the second with 429 until the
// replacement is Ready (kubernetes.io/docs/concepts/workloads/pods/disruptions/ "How Disruption
// Budgets work"; eviction.go checkAndDecrement: disruptionsAllowed == 0 → 429). The question before
// the drain must say a pod waits on the PDB, not "evict 1" on both nodes with no wait.
import { describe, expect, it } from 'vitest';
import type { DrainFacts } from '../../../src/checks/drain/findings.js';
import { DEFAULT_DRAIN_OPTIONS, type DrainNode, type DrainPod } from '../../../src/model/drain.js';
import { previewsOf } from '../../../src/steps/drain/changes.js';
import { drainConfirmation } from '../../../src/steps/drain/confirmations.js';

const node = (name: string): DrainNode => ({
  name,
  pool: 'apps',
  ready: true,
  schedulable: true,
  conditions: [],
  rebootNeeded: false,
  kuredLock: false,
  podCount: 1,
});

const pod = (name: string): DrainPod => ({
  namespace: 'shop',
  name,
  uid: `uid-${name}`,
  phase: 'Running',
  labels: { app: 'web' },
  controller: { kind: 'ReplicaSet', name: 'web-5d8f' },
  mirror: false,
  emptyDir: false,
  terminating: false,
  ready: true,
});

const facts: DrainFacts = {
  nodes: [node('n1'), node('n2')],
  podsByNode: { n1: [pod('web-a')], n2: [pod('web-b')] },
  world: {
    daemonSets: new Set(),
    pdbs: [
      {
        namespace: 'shop',
        name: 'web',
        selector: { matchLabels: { app: 'web' } },
        disruptionsAllowed: 1,
        currentHealthy: 2,
        desiredHealthy: 1,
      },
    ],
  },
  forbidden: [],
};

describe('a batch drain under one budget', () => {
  it('says a pod of the batch waits on the PDB its allowance cannot cover', () => {
    const options = { ...DEFAULT_DRAIN_OPTIONS, batchSize: 2 };
    const previews = previewsOf(facts, options);
    const asked = drainConfirmation('aks-one', facts.nodes, previews, options);
    // One disruption allowed, two pods evicted at once: one of them waits.
    expect((asked.details ?? []).join('\n')).toMatch(/wait[^\n]*PDB/i);
    expect(previews['n1']!.evict).toHaveLength(1);
    expect(previews['n2']!.blocked.map((b) => b.cause)).toEqual(['pdb']);
  });

  it('plans each node afresh when they are drained one at a time', () => {
    const previews = previewsOf(facts, { ...DEFAULT_DRAIN_OPTIONS, timeoutSeconds: 30 });
    expect(previews['n1']!.evict).toHaveLength(1);
    expect(previews['n2']!.evict).toHaveLength(1);
  });

  it('plans only the chosen nodes together: one chosen alone has the allowance to itself', () => {
    const options = { ...DEFAULT_DRAIN_OPTIONS, batchSize: 2 };
    const previews = previewsOf(facts, options, ['n2']);
    expect(previews['n2']!.evict).toHaveLength(1);
    expect(previews['n1']).toBeUndefined();
  });

  it('refuses a pod two budgets select, whatever the batch', () => {
    const options = { ...DEFAULT_DRAIN_OPTIONS, batchSize: 2 };
    const twice: DrainFacts = {
      ...facts,
      world: {
        ...facts.world,
        pdbs: [...facts.world.pdbs, { ...facts.world.pdbs[0]!, name: 'web-too' }],
      },
    };
    const previews = previewsOf(twice, options);
    for (const n of ['n1', 'n2']) {
      expect(previews[n]!.drainable).toBe(false);
      expect(previews[n]!.blocked.map((b) => b.cause)).toEqual(['several-pdbs']);
    }
  });
});
