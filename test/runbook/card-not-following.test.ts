// The cluster card's node counts follow the session's node watch. A refused watch (no `watch`
// right, an expired token) used to stop them following without a word; now the card says so,
// and `r` (look again on a step) starts the watch again and reads the card again.
import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../../src/model/cluster-summary.js';
import { kubeStatus, type Interceptor } from '../../src/sim/server.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeDefenderStep } from '../../src/steps/defender/index.js';
import { connectToSim, hostFor, until } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('the cluster card when the node watch is refused', () => {
  it('says its nodes are not followed live; r starts the watch again and the warning goes', async () => {
    sim = await startSimulator({ scenario: 'demo', speed: 50 });
    let refusing = true;
    const refuse: Interceptor = (q) =>
      q.method === 'GET' && q.path === '/api/v1/nodes' && q.query.get('watch') && refusing
        ? kubeStatus(403, 'Forbidden', 'nodes is forbidden: User "x" cannot watch resource "nodes"')
        : undefined;
    (sim as unknown as { https: { interceptors: Interceptor[] } }).https.interceptors.unshift(
      refuse,
    );
    const connection = await connectToSim(sim);
    const s = await hostFor(connection, { defender: makeDefenderStep({ pollMs: 5 }) });
    s.store.update({ connection: { phase: 'connected', cluster: connection.summary } });
    const card = () => (s.store.getState().connection as { cluster: ClusterSummary }).cluster;
    s.host.followCard();
    await until(() => (card().warnings ?? []).length > 0, 'a warning on the card', 10_000);
    expect(card().warnings).toEqual([
      'Nodes not followed live: watching nodes was refused (403 Forbidden); r reads again',
    ]);

    // Rights mended; a node cordoned meanwhile. r on a step: the card follows again.
    refusing = false;
    await s.host.open('defender');
    await s.host.send('defender', { type: 'action', key: 'r' });
    await until(() => card().warnings === undefined, 'the warning gone', 10_000);
    const before = card().nodeCount;
    const node = sim.kube.listNodes()[0]!.metadata.name;
    await connection.kc.makeApiClient(CoreV1Api).deleteNode({ name: node });
    await until(() => card().nodeCount === before - 1, 'the node gone from the card', 10_000);
  }, 60_000);
});
