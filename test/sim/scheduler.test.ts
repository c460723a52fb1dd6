// The scheduler's index (fitting nodes per pod shape, pod counts in a LeastLoaded tree) picks
// exactly the node a plain scan would: the first fitting node, by name, with the fewest pods.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock.js';
import type { KubeObject } from '../../src/sim/contracts.js';
import { LeastLoaded } from '../../src/sim/kube/least-loaded.js';
import { R } from '../../src/sim/kube/resources.js';
import { fits, pickNode } from '../../src/sim/kube/scheduler.js';
import { Store } from '../../src/sim/kube/store.js';

/** What the scheduler did before it had an index: scan every node for every pod. */
function scan(store: Store, pod: KubeObject): string | undefined {
  let best: { name: string; load: number } | undefined;
  for (const node of store.list(R.nodes)) {
    if (!fits(pod, node)) continue;
    const load = store.podCountOnNode(node.metadata.name);
    if (!best || load < best.load) best = { name: node.metadata.name, load };
  }
  return best?.name;
}

function node(name: string, pool: string, cordoned: boolean): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { pool } },
    spec: cordoned ? { unschedulable: true } : {},
    status: { conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

function pod(name: string, shape: number, nodeName?: string): KubeObject {
  const spec: Record<string, unknown> = { containers: [{ name: 'c', image: 'i' }] };
  if (shape === 1) spec['nodeSelector'] = { pool: 'b' };
  if (shape === 2)
    spec['tolerations'] = [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists' }];
  if (nodeName) spec['nodeName'] = nodeName;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec };
}

describe('LeastLoaded', () => {
  it('answers like a scan for the first smallest load after any sequence of changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(5), { maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(60), fc.nat(5)), { maxLength: 60 }),
        (initial, changes) => {
          const names = initial.map((_, i) => `n${String(i).padStart(2, '0')}`);
          const loads = new Map(names.map((n, i) => [n, initial[i]!]));
          const tree = new LeastLoaded(names, (n) => loads.get(n)!);
          const check = (): void => {
            let best: string | undefined;
            for (const n of names)
              if (best === undefined || loads.get(n)! < loads.get(best)!) best = n;
            expect(tree.first()).toBe(best);
          };
          check();
          for (const [i, load] of changes) {
            const name = names[i] ?? `missing${i}`;
            if (loads.has(name)) loads.set(name, load);
            tree.set(name, load);
            check();
          }
        },
      ),
    );
  });
});

describe('pickNode', () => {
  const step = fc.oneof(
    fc.record({ op: fc.constant('add' as const), shape: fc.nat(2) }),
    fc.record({ op: fc.constant('remove' as const), which: fc.nat(200) }),
    fc.record({ op: fc.constant('cordon' as const), which: fc.nat(20), on: fc.boolean() }),
    fc.record({ op: fc.constant('drop-node' as const), which: fc.nat(20) }),
  );

  it('picks what a scan of every node picks, as pods come and go and nodes change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.array(step, { maxLength: 80 }),
        (n, steps) => {
          const store = new Store(new SimClock(1));
          for (let i = 0; i < n; i++)
            store.create(R.nodes, node(`node-${i}`, i % 3 === 0 ? 'b' : 'a', i % 5 === 4));
          let made = 0;
          for (const s of steps) {
            if (s.op === 'add') {
              const p = pod(`p${made++}`, s.shape);
              const want = scan(store, p);
              const got = pickNode(store, p);
              expect('node' in got ? got.node : undefined).toBe(want);
              if (want) store.create(R.pods, pod(p.metadata.name, s.shape, want));
            } else if (s.op === 'remove') {
              const pods = store.list(R.pods);
              const victim = pods[s.which % Math.max(1, pods.length)];
              if (victim) store.remove(R.pods, 'default', victim.metadata.name);
            } else {
              const nodes = store.list(R.nodes);
              const target = nodes[s.which % Math.max(1, nodes.length)];
              if (!target) continue;
              if (s.op === 'drop-node') store.remove(R.nodes, undefined, target.metadata.name);
              else store.update(R.nodes, { ...target, spec: s.on ? { unschedulable: true } : {} });
            }
          }
        },
      ),
    );
  });

  it('explains when no node fits', () => {
    const store = new Store(new SimClock(1));
    store.create(R.nodes, node('node-0', 'a', false));
    expect(pickNode(store, pod('p', 1))).toEqual({
      reason:
        "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector or had untolerated taints. preemption: 0/1 nodes are available.",
    });
  });
});
