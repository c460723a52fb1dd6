import { describe, expect, it } from 'vitest';
import { classifyPod, planNode, podsToMove } from '../../../src/checks/drain/plan.js';
import {
  DEFAULT_DRAIN_OPTIONS,
  type DrainOptions,
  type DrainPdb,
  type DrainPod,
} from '../../../src/model/drain.js';

function pod(name: string, over: Partial<DrainPod> = {}): DrainPod {
  return {
    namespace: 'shop',
    name,
    uid: `uid-${name}`,
    phase: 'Running',
    labels: { app: name.split('-')[0]! },
    controller: { kind: 'ReplicaSet', name: `${name.split('-')[0]}-rs` },
    mirror: false,
    emptyDir: false,
    terminating: false,
    ready: true,
    ...over,
  };
}

function pdb(name: string, allowed: number, over: Partial<DrainPdb> = {}): DrainPdb {
  return {
    namespace: 'shop',
    name,
    selector: { matchLabels: { app: name } },
    disruptionsAllowed: allowed,
    currentHealthy: 2,
    desiredHealthy: 2 - allowed,
    ...over,
  };
}

const world = (pdbs: DrainPdb[] = [], daemonSets = ['kube-system/kured']) => ({
  daemonSets: new Set(daemonSets),
  pdbs,
});
const opts = (over: Partial<DrainOptions> = {}) => ({ ...DEFAULT_DRAIN_OPTIONS, ...over });
const one = (p: DrainPod, w = world(), o = opts()) => classifyPod(p, w, o, new Map());

describe('drain filters, in kubectl order', () => {
  it('evicts a replicated pod with no budget', () => {
    expect(one(pod('web-1'))).toEqual({ kind: 'evict', pod: pod('web-1') });
  });

  it('skips DaemonSet pods when ignoring DaemonSets, blocks them otherwise', () => {
    const ds = pod('kured-x', {
      namespace: 'kube-system',
      controller: { kind: 'DaemonSet', name: 'kured' },
    });
    expect(one(ds)).toMatchObject({ kind: 'skip', reason: 'DaemonSet-managed (kured)' });
    expect(one(ds, world(), opts({ ignoreDaemonSets: false }))).toMatchObject({
      kind: 'blocked',
      cause: 'daemonset',
    });
  });

  it('blocks a pod whose DaemonSet is gone unless forced, and warns when forced', () => {
    const orphan = pod('agent-x', { controller: { kind: 'DaemonSet', name: 'agent' } });
    expect(one(orphan)).toMatchObject({ kind: 'blocked', cause: 'daemonset-missing' });
    expect(one(orphan, world(), opts({ force: true }))).toMatchObject({
      kind: 'evict',
      warning: expect.stringContaining('DaemonSet agent is gone') as string,
    });
  });

  it('skips mirror pods before looking at their storage or controller', () => {
    const mirror = pod('etcd-node', { mirror: true, controller: undefined, emptyDir: true });
    const v = one(mirror);
    expect(v.kind === 'skip' && v.reason).toMatch(/mirror/);
  });

  it('blocks emptyDir pods without "delete emptyDir data", warns with it', () => {
    const cache = pod('cache-1', { emptyDir: true });
    expect(one(cache)).toMatchObject({ kind: 'blocked', cause: 'emptydir' });
    expect(one(cache, world(), opts({ deleteEmptyDirData: true }))).toMatchObject({
      kind: 'evict',
      warning: 'its emptyDir data is deleted',
    });
  });

  it('reports the local-storage block first when a bare pod also has emptyDir (kubectl order)', () => {
    const bare = pod('bare', { controller: undefined, emptyDir: true });
    expect(one(bare)).toMatchObject({ cause: 'emptydir' });
    expect(one(bare, world(), opts({ deleteEmptyDirData: true }))).toMatchObject({
      cause: 'unreplicated',
    });
    expect(one(bare, world(), opts({ deleteEmptyDirData: true, force: true }))).toMatchObject({
      kind: 'evict',
      warning: 'its emptyDir data is deleted; no controller recreates it',
    });
  });

  it('blocks unreplicated pods unless forced', () => {
    const bare = pod('bare', { controller: undefined });
    expect(one(bare)).toMatchObject({ kind: 'blocked', cause: 'unreplicated' });
    expect(one(bare, world(), opts({ force: true }))).toMatchObject({
      kind: 'evict',
      warning: 'no controller recreates it',
    });
  });

  it('evicts finished pods whatever they are, as kubectl does (they pass every filter)', () => {
    for (const phase of ['Succeeded', 'Failed']) {
      const done = pod('job-1', { phase, controller: undefined, emptyDir: true });
      expect(one(done)).toMatchObject({ kind: 'evict' });
      expect(one(done)).not.toHaveProperty('warning');
    }
  });
});

describe('PodDisruptionBudgets', () => {
  it('names the PDB with no disruption left', () => {
    const v = one(pod('db-0'), world([pdb('db', 0, { currentHealthy: 1, desiredHealthy: 1 })]));
    expect(v).toMatchObject({ kind: 'blocked', cause: 'pdb', pdbs: ['db'] });
    expect(v.kind === 'blocked' && v.reason).toBe(
      'waits on PDB db: no disruption allowed (needs 1 healthy, has 1)',
    );
  });

  it('uses a budget up across the pods of one node', () => {
    const plan = planNode(
      'n1',
      [pod('web-a'), pod('web-b'), pod('web-c')],
      world([pdb('web', 2)]),
      opts(),
    );
    expect(plan.evict.map((v) => v.pod.name)).toEqual(['web-a', 'web-b']);
    expect(plan.evict[0]).toMatchObject({ pdb: 'web' });
    expect(plan.blocked).toMatchObject([{ pod: { name: 'web-c' }, cause: 'pdb' }]);
    // A PDB wait may clear, so the node is still drainable and the pod is still attempted.
    expect(plan.drainable).toBe(true);
    expect(podsToMove(plan).map((p) => p.name)).toEqual(['web-a', 'web-b', 'web-c']);
  });

  it('names every PDB when several cover a pod, and marks the node undrainable', () => {
    const both = pdb('web', 1, { name: 'web-all', selector: {} });
    const plan = planNode('n1', [pod('web-a')], world([pdb('web', 1), both]), opts());
    expect(plan.blocked).toMatchObject([{ cause: 'several-pdbs', pdbs: ['web', 'web-all'] }]);
    expect(plan.drainable).toBe(false);
  });

  it('lets pods go that the API server evicts without asking the budget', () => {
    const blocking = world([pdb('db', 0, { currentHealthy: 1, desiredHealthy: 1 })]);
    expect(one(pod('db-0', { phase: 'Pending' }), blocking)).toMatchObject({ kind: 'evict' });
    expect(one(pod('db-0', { terminating: true }), blocking)).toMatchObject({ kind: 'evict' });
    // Unready, budget healthy otherwise: evicted without using a disruption.
    const healthy = world([pdb('db', 0, { currentHealthy: 2, desiredHealthy: 2 })]);
    expect(one(pod('db-1', { ready: false }), healthy)).toMatchObject({ kind: 'evict' });
  });

  it('bypasses budgets with "disable eviction", and says so', () => {
    const v = one(
      pod('db-0'),
      world([pdb('db', 0), pdb('db', 0, { name: 'db2' })]),
      opts({ disableEviction: true }),
    );
    expect(v).toMatchObject({ kind: 'evict', warning: 'deleted directly: PDB db, db2 bypassed' });
  });

  it('ignores budgets of other namespaces and budgets without a selector', () => {
    const other = pdb('web', 0, { namespace: 'other' });
    const none = pdb('web', 0, { name: 'no-selector', selector: undefined });
    expect(one(pod('web-a'), world([other, none]))).toEqual({ kind: 'evict', pod: pod('web-a') });
  });
});

describe('which budgets cover a pod', () => {
  it('counts a budget without a selector as covering no pod, `{}` as covering every pod', () => {
    const web = pod('web-1');
    const none = pdb('none', 0, { selector: undefined });
    const all = pdb('all', 0, { selector: {} });
    expect(one(web, world([none]))).toEqual({ kind: 'evict', pod: web });
    expect(one(web, world([all]))).toMatchObject({ kind: 'blocked', cause: 'pdb' });
  });
});
