// A look failing while an Azure operation runs makes the step stale: its changes are withdrawn,
// but the abort stays. It plans nothing on the stale facts, it only stops what runs, and the
// operator must be able to stop an upgrade whatever the API server does.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeNodeImageStep } from '../../src/steps/node-image/index.js';
import { connectToSim, hostFor, until, type HostedSession } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
let s: HostedSession | undefined;
afterEach(async () => {
  await s?.close();
  await sim?.close();
  s = sim = undefined;
});

const action = (x: HostedSession, key: string) =>
  x.store.getState().stepViews['node-image']?.actions?.find((a) => a.key === key);

describe('abort on a stale step', () => {
  it('a look failing while the upgrade runs withdraws the upgrades, not the abort', async () => {
    sim = await startSimulator({ scenario: 'demo', speed: 20 });
    const connection = await connectToSim(sim);
    s = await hostFor(connection, {
      'node-image': makeNodeImageStep({ updateIntervalInMs: 5, nodePollMs: 5 }),
    });
    await s.host.operations.readArm();
    await s.host.open('node-image');
    const upgrade = s.host.send('node-image', { type: 'action', key: '1' });
    await until(() => s!.store.getState().confirmation, 'upgrade confirmation');
    s.store.answer(true);
    await until(() => s!.store.getState().operation?.phase === 'running', 'the upgrade running');
    // The API server stops answering: the look again fails, the step is stale.
    sim.hold((_method, path) => path.startsWith('/api/') || path.startsWith('/apis/')).drop();
    await s.host.send('node-image', { type: 'action', key: 'r' });
    const view = () => s!.store.getState().stepViews['node-image']!;
    expect(view().summary?.[0]).toMatch(/^▲ STALE:/);
    expect(action(s, '2')?.unavailable).toBeDefined();
    expect(action(s, 'a')?.unavailable).toBeUndefined();

    const aborted = s.host.send('node-image', { type: 'action', key: 'a' });
    const asked = await until(() => s!.store.getState().confirmation, 'abort confirmation');
    expect(asked.change).toContain('Abort the running operation on pool system');
    // The operation shown may not be the one running now: the question says so.
    expect(asked.change).toMatch(/stale .*stops whatever runs on pool system now/);
    s.store.answer(true);
    await until(() => s!.store.getState().operation?.phase === 'canceling', 'canceling');
    await Promise.all([aborted, upgrade]);
    expect(sim.aks.state.pools.find((p) => p.name === 'system')!.provisioningState).toBe(
      'Canceled',
    );
  }, 90_000);
});
