// Enabling Defender when it was turned on since the look: nothing is sent; the same workspace is
// "already in place", another one is named and left as it is.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeDefenderStep } from '../../src/steps/defender/index.js';
import { connectToSim, hostFor } from '../helpers/sim-session.js';

const WS = (name: string) =>
  `/subscriptions/3f2b9c1e-7d4a-4e8b-a1c6-5d9e0f1a2b3c/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/${name}`;

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Opens the step with Defender off, then has it turned on elsewhere with `workspace`; presses e. */
async function enableAfterSomeoneElse(workspace: string) {
  sim = await startSimulator({ scenario: 'demo', speed: 2000 });
  const connection = await connectToSim(sim);
  const session = await hostFor(connection, { defender: makeDefenderStep({ pollMs: 5 }) });
  const { host, store } = session;
  await host.open('defender');
  expect(store.getState().stepViews.defender?.findings?.map((f) => f.id)).toContain(
    'defender.disabled',
  );
  await host.send('defender', { type: 'action', key: 'w' });
  await host.send('defender', { type: 'workspace', id: WS('law-shop') });
  // Another operator (or an earlier run whose answer was lost) turns it on in Azure.
  sim.aks.state.defender = { enabled: true, logAnalyticsWorkspaceResourceId: workspace };
  const before = sim.log.entries.length;
  await host.send('defender', { type: 'action', key: 'e' });
  const writes = sim.log.entries.slice(before).filter((e) => e.effect === 'write');
  const view = store.getState().stepViews.defender!;
  await session.close();
  return { view, writes, asked: store.getState().confirmation };
}

describe('defender enable, run again', () => {
  it('already on with this workspace: says so, asks nothing, sends nothing', async () => {
    const { view, writes, asked } = await enableAfterSomeoneElse(WS('LAW-SHOP'));
    expect(asked).toBeUndefined();
    expect(writes).toEqual([]);
    expect(view.result).toEqual([
      `✔ Already in place: Defender for Containers is on, reporting to ${WS('law-shop')}. Nothing was sent.`,
    ]);
    expect(view.findings?.map((f) => f.id)).not.toContain('defender.disabled');
  });

  it('already on with another workspace: names it and changes nothing', async () => {
    const { view, writes } = await enableAfterSomeoneElse(WS('law-other'));
    expect(writes).toEqual([]);
    expect(view.result?.[0]).toBe(
      `✖ Defender for Containers is already on, reporting to ${WS('law-other')}, not ${WS('law-shop')}.`,
    );
    expect(sim!.aks.state.defender).toMatchObject({
      logAnalyticsWorkspaceResourceId: WS('law-other'),
    });
  });
});
