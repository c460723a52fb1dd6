// Repro: the drain plan leaves Succeeded and Failed pods on the node ("skip: finished"), though
// kubectl drain evicts them (they pass every filter) and the eviction API deletes them without
// asking their budgets; a DaemonSet's finished pod goes too, even with --ignore-daemonsets.
import { describe, expect, it } from 'vitest';
import { classifyPod } from '../../src/checks/drain/plan.js';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import { webBudget, webPod } from '../checks/drain/spec-facts.js';

const world = { daemonSets: new Set(['kube-system/agent']), pdbs: [webBudget('web-pdb')] };

describe('a finished pod on a node being drained', () => {
  // /work/shared/reference/kubernetes.md §1.2 (kubectl drain filters.go): the DaemonSet,
  // local-storage and controller filters pass Succeeded/Failed pods, "Succeeded/Failed pods pass
  // all filters and are evicted (no PDB check server-side)"; §2.1 step 3 canIgnorePDB deletes them.
  for (const phase of ['Succeeded', 'Failed']) {
    it.fails(`${phase} under a budget allowing none is evicted, as kubectl does`, () => {
      const pod = webPod('job-1', { phase, ready: false });
      expect(classifyPod(pod, world, DEFAULT_DRAIN_OPTIONS, new Map()).kind).toBe('evict');
    });
  }

  it.fails('of a DaemonSet is evicted even with "ignore DaemonSets" on, as kubectl does', () => {
    const pod = webPod('agent-x', {
      namespace: 'kube-system',
      labels: { app: 'agent' },
      controller: { kind: 'DaemonSet', name: 'agent' },
      phase: 'Failed',
      ready: false,
    });
    expect(classifyPod(pod, world, DEFAULT_DRAIN_OPTIONS, new Map()).kind).toBe('evict');
  });
});
