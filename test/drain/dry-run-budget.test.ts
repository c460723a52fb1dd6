// A dry-run eviction the budget refuses (the server's dry-run 429) is reported at once, with the
// budget's name, instead of being retried until the node's timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/model/connection.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { moveOnePod } from './move-one-pod.js';
import { simConnection, tempJournal } from './sim-session.js';

let sim: Simulator;
let connection: Connection;
beforeAll(async () => {
  ({ sim, connection } = await simConnection('demo', 600, { dryRun: true }));
});
afterAll(() => sim.close());

describe('dry-run eviction under a budget', () => {
  it('the server answers 429 to the dry run: the pod would wait on that budget, no retry', async () => {
    const node = sim.kube
      .listNodes()
      .map((n) => n.metadata.name)
      .find((n) => sim.kube.podsOnNode(n).some((p) => p.metadata.name === 'orders-db-0'))!;
    const pod = sim.kube.podsOnNode(node).find((p) => p.metadata.name === 'orders-db-0')!;
    const journal = await tempJournal(connection.summary.name, {
      readOnly: false,
      dryRun: true,
      demo: true,
    });
    const evictions = () =>
      sim.log.entries.filter((e) => e.method === 'POST' && e.path.endsWith('/eviction')).length;
    const before = evictions();
    const started = Date.now();
    const state = await moveOnePod(
      { namespace: 'payments', name: 'orders-db-0', uid: pod.metadata.uid! },
      { kc: connection.kc, journal, node, dryRun: true, retryMs: 60_000 },
    );
    expect(state).toMatchObject({ state: 'would-wait', pdb: 'orders-db' });
    expect(evictions() - before).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
