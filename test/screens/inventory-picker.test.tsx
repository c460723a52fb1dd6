// The TUI's cluster picker fed by the Resource Graph inventory of the twelve-cluster simulator,
// reached through its connection file as `--sim-connection F --all-subscriptions` does: the real
// clients, the real App, keys typed through press(); then the chosen cluster is connected to.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { inventoryClusters } from '../../src/fleet/pick-inventory.js';
import type { ListedCluster } from '../../src/model/arm.js';
import { needsPick, pickCluster } from '../../src/runbook/pick-cluster.js';
import { SessionStore } from '../../src/runbook/session.js';
import { connectTarget } from '../../src/runbook/connect-target.js';
import { simConnectionOf } from '../../src/sim/connection-file.js';
import { FLEET_SUBSCRIPTIONS } from '../../src/sim/scenarios/fleet.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import type { TargetOptions } from '../../src/target/options.js';
import { ENTER, ESC, renderInk, widestLine } from '../helpers/ink.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';

let sim: Simulator;
let file: string;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet' });
  file = join(tempDir('inventory-pick-'), 'sim.json');
  writeFileSync(file, JSON.stringify(simConnectionOf(sim)));
});
afterAll(async () => {
  await sim.close();
});

/** The picker on screen, listing through the inventory; `chosen` settles on Enter or Esc. */
async function picker(target: TargetOptions) {
  const store = new SessionStore({ readOnly: true, dryRun: false, demo: false });
  let pick: (c: ListedCluster | undefined) => void = () => undefined;
  const picked = new Promise<ListedCluster | undefined>((resolve) => (pick = resolve));
  const actions = { onQuit: vi.fn(() => pick(undefined)), onPickCluster: vi.fn(pick) };
  const ui = await renderInk(<App store={store} actions={actions} />);
  // Inside act: the screen renders every store change the listing makes.
  let chosen!: Promise<TargetOptions | undefined>;
  await act(async () => {
    chosen = pickCluster(target, store, {}, picked, inventoryClusters);
    await until(
      () => store.getState().pick,
      () => JSON.stringify(store.getState().connection),
    );
  });
  await ui.waitFor('Pick a cluster');
  return { store, ui, chosen, actions };
}

describe('cluster picker from the inventory', () => {
  const all = (): TargetOptions => ({
    cloud: 'AzureCloud',
    demo: false,
    simConnection: file,
    allSubscriptions: true,
  });

  it('is needed with --all-subscriptions alone too', () => {
    expect(needsPick(all())).toBe(true);
  });

  it('lists all twelve clusters riskiest first with support, fleet and signals; / filters, Enter connects', async () => {
    const before = sim.log.writes().length;
    const { ui, chosen, store } = await picker(all());
    let frame = ui.frame();
    expect(frame).toContain('Pick a cluster in all 2 subscriptions you can see (12 of 12)');
    expect(frame).toMatch(/NAME +VERSION +GROUP \(fleet-contoso\) +SIGNALS \(worst first\)/);
    expect(frame).toMatch(/aks-pay-stg +1\.30\.12 ✔ +staging +no-auto-upgrade/);
    expect(frame).toMatch(/aks-legacy-prod +1\.29\.15 ✖ out +- +unsupported/);
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
    // Same order as `fleet inventory`: the first row is the riskiest.
    const rows = store.getState().pick!.clusters;
    expect(rows).toHaveLength(12);
    expect(frame.split('\n').find((l) => l.startsWith('▶ '))).toContain(rows[0]!.name);

    await ui.press('/');
    await ui.type('prod-us');
    frame = await ui.waitFor('(2 of 12)');
    expect(frame).toContain('aks-shop-prod-eus');
    expect(frame).not.toContain('aks-shop-dev');
    await ui.press(ENTER); // leaves the filter line, keeps the filter
    await ui.press(ENTER);
    const target = await act(() => chosen);
    expect(target).toMatchObject({
      subscription: FLEET_SUBSCRIPTIONS.prod,
      resourceGroup: 'rg-prod-eastus',
      simConnection: file,
    });
    expect(store.getState().pick).toBeUndefined();
    // Connected to as if named on the command line.
    const reached = await connectTarget(target!, {
      env: {},
      mode: { readOnly: true, dryRun: false },
    });
    expect(reached.connection.summary.name).toBe(target!.name);
    expect(sim.log.writes().length).toBe(before);
  });

  it('--subscription alone lists that subscription only; Esc quits without connecting', async () => {
    const { ui, chosen, store } = await picker({
      cloud: 'AzureCloud',
      demo: false,
      simConnection: file,
      subscription: FLEET_SUBSCRIPTIONS.nonprod,
    });
    expect(ui.frame()).toContain(
      `Pick a cluster in subscription ${FLEET_SUBSCRIPTIONS.nonprod} (6 of 6)`,
    );
    expect(
      store
        .getState()
        .pick!.clusters.every((c) => c.subscriptionId === FLEET_SUBSCRIPTIONS.nonprod),
    ).toBe(true);
    await ui.press(ESC);
    expect(await act(() => chosen)).toBeUndefined();
  });
});
