import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setNodeUnschedulable } from '../../src/kube/cordon.js';
import { evictPod } from '../../src/kube/eviction.js';
import { listPodsOnNode } from '../../src/kube/node-pods.js';
import { podPresence, waitForPodGone } from '../../src/kube/pod-gone.js';
import { isAbortError } from '../../src/kube/request-options.js';
import type { Simulator } from '../../src/sim/simulator.js';
import type { Connection } from '../../src/model/connection.js';
import { simConnection } from './sim-session.js';

let sim: Simulator;
let connection: Connection;
beforeAll(async () => {
  ({ sim, connection } = await simConnection('demo'));
});
afterAll(async () => sim?.close());

const dbNode = () =>
  sim.kube
    .listNodes()
    .find((n) =>
      sim.kube.podsOnNode(n.metadata.name).some((p) => p.metadata.name === 'orders-db-0'),
    )!.metadata.name;

describe('drain I/O over client-node against the simulator', () => {
  it('cordons with a strategic-merge patch (dry run changes nothing) and uncordons', async () => {
    const node = dbNode();
    const dry = await setNodeUnschedulable(connection.kc, node, true, { dryRun: true });
    expect(dry.spec?.unschedulable).toBe(true);
    expect(sim.kube.getNode(node)?.['spec']).not.toMatchObject({ unschedulable: true });
    await setNodeUnschedulable(connection.kc, node, true);
    expect(sim.kube.getNode(node)?.['spec']).toMatchObject({ unschedulable: true });
    await setNodeUnschedulable(connection.kc, node, false);
    expect(sim.kube.getNode(node)?.['spec']).not.toMatchObject({ unschedulable: true });
    const patches = sim.log.entries.filter((e) => e.method === 'PATCH');
    expect(patches.map((e) => e.effect)).toEqual(['dry-run', 'write', 'write']);
  });

  it('lists the pods of a node, names the PDB of a 429, and sees a 404 as gone', async () => {
    const node = dbNode();
    const pods = await listPodsOnNode(connection.kc, node, undefined, 1);
    expect(pods.map((p) => p.metadata?.name)).toContain('orders-db-0');
    const answer = await evictPod(connection.kc, { namespace: 'payments', name: 'orders-db-0' });
    expect(answer).toEqual({
      kind: 'pdb',
      pdb: 'orders-db',
      message: 'The disruption budget orders-db needs 1 healthy pods and has 1 currently',
    });
    expect(await evictPod(connection.kc, { namespace: 'payments', name: 'nope' })).toEqual({
      kind: 'gone',
    });
  });

  it('evicts (a 201 is success), then sees the pod gone by uid', async () => {
    const victim = sim.kube
      .listNodes()
      .flatMap((n) => sim.kube.podsOnNode(n.metadata.name))
      .find((p) => p.metadata.namespace === 'shop' && p.metadata.ownerReferences?.length)!;
    const id = {
      namespace: victim.metadata.namespace!,
      name: victim.metadata.name,
      uid: victim.metadata.uid!,
    };
    expect(await evictPod(connection.kc, { ...id, dryRun: true })).toEqual({ kind: 'granted' });
    expect(await podPresence(connection.kc, id)).toBe('present');
    expect(await evictPod(connection.kc, { ...id, gracePeriodSeconds: 1 })).toEqual({
      kind: 'granted',
    });
    await waitForPodGone(connection.kc, id, { pollMs: 10, signal: AbortSignal.timeout(10_000) });
    expect(await podPresence(connection.kc, id)).toBe('gone');
  });

  it('cancels a wait when its signal aborts', async () => {
    const id = { namespace: 'payments', name: 'orders-db-0', uid: 'x' };
    const real = sim.kube.podsOnNode(dbNode()).find((p) => p.metadata.name === 'orders-db-0')!;
    const abort = new AbortController();
    const waiting = waitForPodGone(
      connection.kc,
      { ...id, uid: real.metadata.uid! },
      { pollMs: 10, signal: abort.signal },
    );
    abort.abort();
    const error = await waiting.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
  });
});
