// A drain evicts Succeeded and Failed pods, as kubectl drain does (they pass every filter but the
// mirror one) and the eviction API deletes them without asking their budgets; a DaemonSet's
// finished pod goes too, even with --ignore-daemonsets.
import { describe, expect, it } from 'vitest';
import { classifyPod, planNode } from '../../../src/checks/drain/plan.js';
import { DEFAULT_DRAIN_OPTIONS } from '../../../src/model/drain.js';
import { webBudget, webPod } from './spec-facts.js';

const world = { daemonSets: new Set(['kube-system/agent']), pdbs: [webBudget('web-pdb')] };

describe('a finished pod on a node being drained', () => {
  // /work/shared/reference/kubernetes.md §1.2 (kubectl drain filters.go): the DaemonSet,
  // local-storage and controller filters pass Succeeded/Failed pods, "Succeeded/Failed pods pass
  // all filters and are evicted (no PDB check server-side)"; §2.1 step 3 canIgnorePDB deletes them.
  for (const phase of ['Succeeded', 'Failed']) {
    it(`${phase} under a budget allowing none is evicted, as kubectl does`, () => {
      const pod = webPod('job-1', { phase, ready: false });
      expect(classifyPod(pod, world, DEFAULT_DRAIN_OPTIONS, new Map()).kind).toBe('evict');
    });
  }

  it('of a DaemonSet is evicted even with "ignore DaemonSets" on, as kubectl does', () => {
    const pod = webPod('agent-x', {
      namespace: 'kube-system',
      labels: { app: 'agent' },
      controller: { kind: 'DaemonSet', name: 'agent' },
      phase: 'Failed',
      ready: false,
    });
    expect(classifyPod(pod, world, DEFAULT_DRAIN_OPTIONS, new Map()).kind).toBe('evict');
  });

  it('uses up no disruption of its budget: a running pod after it still goes', () => {
    const world1 = {
      daemonSets: new Set<string>(),
      pdbs: [webBudget('web-pdb', { disruptionsAllowed: 1 })],
    };
    const plan = planNode(
      'node-1',
      [webPod('job-1', { phase: 'Succeeded', ready: false }), webPod('web-1')],
      world1,
      DEFAULT_DRAIN_OPTIONS,
    );
    expect(plan.evict.map((v) => v.pod.name)).toEqual(['job-1', 'web-1']);
    expect(plan.blocked).toEqual([]);
  });

  it('a finished mirror pod is still left alone (kubectl skips mirror pods whatever their phase)', () => {
    const pod = webPod('static-1', { phase: 'Succeeded', ready: false, mirror: true });
    expect(classifyPod(pod, world, DEFAULT_DRAIN_OPTIONS, new Map()).kind).toBe('skip');
  });

  it('a finished pod with emptyDir and no controller needs neither flag', () => {
    const pod = webPod('once', {
      phase: 'Failed',
      ready: false,
      emptyDir: true,
      controller: undefined,
    });
    expect(classifyPod(pod, world, DEFAULT_DRAIN_OPTIONS, new Map())).toMatchObject({
      kind: 'evict',
    });
  });
});
