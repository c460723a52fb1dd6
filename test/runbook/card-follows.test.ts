// The cluster card follows the cluster on the simulated AKS: read again after each change (the
// new Kubernetes version after an upgrade, Defender on after enabling it), on `r`, and as nodes
// change; the steps and the card share one watch per kind.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeDefenderStep } from '../../src/steps/defender/index.js';
import { makeDrainStep } from '../../src/steps/drain/index.js';
import { makeNodeImageStep } from '../../src/steps/node-image/index.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { connectToSim, hostFor, until, type HostedSession } from '../helpers/sim-session.js';

const WORKSPACE =
  '/subscriptions/3f2b9c1e-7d4a-4e8b-a1c6-5d9e0f1a2b3c/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-prod';
const t = { updateIntervalInMs: 5, nodePollMs: 5 };

let sim: Simulator | undefined;
let s: HostedSession | undefined;
afterEach(async () => {
  await s?.close();
  await sim?.close();
  s = sim = undefined;
});

/** A session as the TUI has it once connected: the card on the store, following the cluster. */
async function session() {
  sim = await startSimulator({ scenario: 'demo', speed: 50 });
  const connection = await connectToSim(sim);
  s = await hostFor(connection, {
    defender: makeDefenderStep({ pollMs: 5 }),
    upgrades: makeUpgradesStep(t),
    drain: makeDrainStep(),
    'node-image': makeNodeImageStep(t),
  });
  s.store.update({ connection: { phase: 'connected', cluster: connection.summary } });
  s.host.followCard();
  return {
    sim,
    s,
    card: () => (s!.store.getState().connection as { cluster: typeof connection.summary }).cluster,
  };
}

/** Answers every confirmation with yes (typed ones included: the test is the operator). */
function acceptAll(x: HostedSession): void {
  x.store.subscribe(() => {
    if (x.store.getState().confirmation) setTimeout(() => x.store.answer(true), 0);
  });
}

describe('the cluster card follows the cluster', () => {
  it('shows Defender on after enabling it, and the new version after a control-plane upgrade', async () => {
    const { s, card } = await session();
    acceptAll(s);
    expect(card().defender).toBe(false);
    expect(card().kubernetesVersion).toBe('1.31.8');
    await s.host.open('defender');
    await s.host.send('defender', { type: 'workspace', id: WORKSPACE });
    await s.host.send('defender', { type: 'action', key: 'e' });
    await until(() => card().defender === true, 'Defender on on the card', 10_000);

    await s.host.open('upgrades');
    await s.host.send('upgrades', { type: 'target', version: '1.32.5' });
    await s.host.send('upgrades', { type: 'action', key: 'c' });
    await until(() => card().kubernetesVersion === '1.32.5', 'the new version on the card', 30_000);
  }, 90_000);

  it('counts the surge nodes of a node image upgrade apart from the pools, so both add up', async () => {
    const { s, card } = await session();
    acceptAll(s);
    const seen: string[] = [];
    s.store.subscribe(() => {
      const c = card();
      const pools = c.pools.reduce((sum, p) => sum + p.count, 0);
      const surge = c.uncounted?.surge ?? 0;
      seen.push(`${c.nodeCount} = ${pools} + ${surge} surge + ${c.uncounted?.outside ?? 0}`);
    });
    await s.host.open('node-image');
    await s.host.send('node-image', { type: 'action', key: '1' });
    // While AKS's extra node was there the card counted it as a surge node, not in a pool.
    expect(seen).toContain('7 = 6 + 1 surge + 0');
    for (const line of seen) {
      const [total, pools, surge, outside] = line.match(/\d+/g)!.map(Number);
      expect(total, line).toBe(pools! + surge! + outside!);
    }
    expect(card().uncounted).toBeUndefined();
  }, 60_000);

  it('a change made elsewhere shows after r on any step that looks again', async () => {
    const { sim, s, card } = await session();
    await s.host.open('defender');
    // Someone enables Defender from another terminal (straight on ARM).
    sim.aks.state.defender = { enabled: true, logAnalyticsWorkspaceResourceId: WORKSPACE };
    expect(card().defender).toBe(false);
    await s.host.send('defender', { type: 'action', key: 'r' });
    expect(card().defender).toBe(true);
  }, 60_000);

  it('node changes anywhere reach the card; steps and card share one watch per kind', async () => {
    const { sim, s, card } = await session();
    await s.host.open('drain');
    expect(s.host.watches.running).toBe(3);
    const before = card().nodeCount;
    const node = sim.kube.listNodes()[0]!;
    sim.kube.deleteNode(node.metadata.name);
    await until(() => card().nodeCount === before - 1, 'the node gone from the card', 5_000);
    const watches = sim.log.entries.filter((e) => /watch=(1|true)/.test(e.query));
    const perPath = new Map<string, number>();
    for (const w of watches) perPath.set(w.path, (perPath.get(w.path) ?? 0) + 1);
    expect(Object.fromEntries(perPath)).toEqual({
      '/api/v1/nodes': 1,
      '/api/v1/pods': 1,
      '/apis/policy/v1/poddisruptionbudgets': 1,
    });
  }, 60_000);
});
