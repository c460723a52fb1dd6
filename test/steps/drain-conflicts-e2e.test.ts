// A drain and an AKS operation never cross on the same pool: while the drain step drains a node,
// the upgrades and node-image steps offer no operation on its pool (saying why); while AKS rotates
// a pool, the drain step leaves that pool's nodes alone (saying why).
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DRAIN_OPTIONS } from '../../src/model/drain.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeDrainStep } from '../../src/steps/drain/index.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import { makeNodeImageStep } from '../../src/steps/node-image/index.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { connectToSim, hostFor, until, type HostedSession } from '../helpers/sim-session.js';

const t = { updateIntervalInMs: 5, nodePollMs: 5 };
let sim: Simulator | undefined;
let s: HostedSession | undefined;
afterEach(async () => {
  await s?.close();
  await sim?.close();
  s = sim = undefined;
});

async function session(speed: number) {
  sim = await startSimulator({ scenario: 'demo', speed });
  const connection = await connectToSim(sim);
  s = await hostFor(connection, {
    drain: makeDrainStep({ retryMs: 20, pollMs: 10, concurrency: 10 }),
    upgrades: makeUpgradesStep(t),
    'node-image': makeNodeImageStep(t),
  });
  await s.host.operations.readArm();
  await s.host.open('drain');
  await s.host.open('upgrades');
  await s.host.open('node-image');
  return { sim, s };
}

const drain = (x: HostedSession) => x.store.getState().stepStates.drain as DrainState;
const imageAction = (x: HostedSession, pool: string) =>
  x.store
    .getState()
    .stepViews['node-image']?.actions?.find((a) => a.label.includes(`of pool ${pool}`));

/** The pool and node where the demo's budget-held database runs. */
function heldNode(x: Simulator): { node: string; pool: string } {
  const node = x.kube
    .listNodes()
    .find((n) =>
      x.kube.podsOnNode(n.metadata.name).some((p) => p.metadata.name === 'orders-db-0'),
    )!;
  return {
    node: node.metadata.name,
    pool: node.metadata.labels!['kubernetes.azure.com/agentpool']!,
  };
}

describe('drains and AKS operations on the same pool', () => {
  it('while a drain runs, no upgrade of its pool is offered; other pools are, and it is again once the drain ends', async () => {
    const { s, sim } = await session(600);
    const { node, pool } = heldNode(sim);
    // A long node timeout: the budget holds the drain until it is aborted.
    await s.host.send('drain', {
      type: 'options',
      options: { ...DEFAULT_DRAIN_OPTIONS, timeoutSeconds: 600 },
    });
    const drained = s.host.send('drain', { type: 'drain', nodes: [node] });
    await until(() => s.store.getState().confirmation, 'drain confirmation');
    s.store.answer(true);
    await until(
      () => drain(s).progress?.nodes[0]?.pods.some((p) => p.state === 'waiting-pdb'),
      'the drain waiting on the budget',
    );
    expect(imageAction(s, pool)?.unavailable).toMatch(
      new RegExp(
        `the drain step is draining node ${node} of pool ${pool}; AKS would cordon and drain it as well`,
      ),
    );
    const other = sim.aks.state.pools.find((p) => p.name !== pool && p.name !== 'win')!.name;
    expect(imageAction(s, other)?.unavailable).toBeUndefined();
    // The step AKS would not refuse is what guards it: nothing was sent.
    const writes = sim.log.writes().filter((w) => w.api === 'arm').length;
    await s.host.send('node-image', {
      type: 'action',
      key: imageAction(s, pool)!.key,
    });
    expect(s.store.getState().confirmation).toBeUndefined();
    expect(sim.log.writes().filter((w) => w.api === 'arm')).toHaveLength(writes);
    // Aborted, the drain is over: the pool's upgrade is offered again.
    // The abort asks first, in the confirmation dialog like every change.
    const aborted = s.host.send('drain', { type: 'abort' });
    await until(() => s.store.getState().confirmation, 'abort confirmation');
    s.store.answer(true);
    await aborted;
    await drained;
    expect(imageAction(s, pool)?.unavailable).toBeUndefined();
  }, 90_000);

  it('while AKS rotates a pool, the drain step does not drain, cordon or uncordon its nodes, and says why', async () => {
    const { s, sim } = await session(20);
    const { node, pool } = heldNode(sim);
    const upgrade = s.host.send('node-image', {
      type: 'action',
      key: imageAction(s, pool)!.key,
    });
    await until(() => s.store.getState().confirmation, 'upgrade confirmation');
    s.store.answer(true);
    await until(() => drain(s).aksBusy?.pool === pool, 'the drain step told');
    expect(drain(s).aksBusy?.why).toBe(
      `Node image upgrade of pool ${pool} is running: AKS cordons and drains the nodes of pool ${pool} itself`,
    );
    const kubeWrites = () => sim.log.writes().filter((w) => w.api === 'kube').length;
    const before = kubeWrites();
    for (const type of ['drain', 'cordon'] as const) {
      await s.host.send('drain', { type, nodes: [node] });
      expect(s.store.getState().confirmation).toBeUndefined();
      expect(s.store.getState().stepViews.drain?.result?.[0]).toMatch(
        /^Not started: Node image upgrade of pool .* is running/,
      );
    }
    expect(kubeWrites()).toBe(before);
    const aborted = s.host.send('node-image', { type: 'action', key: 'a' });
    await until(() => s.store.getState().confirmation, 'abort confirmation');
    s.store.answer(true);
    await Promise.all([aborted, upgrade]);
    await until(() => drain(s).aksBusy === undefined, 'the pool free again');
  }, 90_000);
});
