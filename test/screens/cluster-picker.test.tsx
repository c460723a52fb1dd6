import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { ClusterPicker } from '../../screens/ClusterPicker.js';
import type { ListedCluster } from '../../src/model/arm.js';
import { SessionStore, type ClusterChoice } from '../../src/runbook/session.js';
import { DOWN, ENTER, ESC, renderInk } from '../helpers/ink.js';

const SUB = '00000000-0000-0000-0000-000000000001';

function cluster(overrides: Partial<ListedCluster>): ListedCluster {
  return {
    subscriptionId: SUB,
    resourceGroup: 'rg-shop',
    name: 'aks-shop-prod',
    location: 'westeurope',
    kubernetesVersion: '1.31.8',
    provisioningState: 'Succeeded',
    powerState: 'Running',
    ...overrides,
  };
}

const choice: ClusterChoice = {
  subscriptionId: SUB,
  clusters: [
    cluster({}),
    cluster({
      resourceGroup: 'rg-batch',
      name: 'aks-batch-dev',
      location: 'northeurope',
      kubernetesVersion: '1.30.4',
      powerState: 'Stopped',
    }),
    cluster({ name: 'aks-shop-stage', provisioningState: 'Upgrading' }),
  ],
};

function picker() {
  const onPick = vi.fn();
  const onQuit = vi.fn();
  const ui = renderInk(
    <ClusterPicker
      choice={choice}
      height={21}
      active
      onPick={onPick}
      onHelp={vi.fn()}
      onQuit={onQuit}
    />,
  );
  return { onPick, onQuit, ui };
}

describe('cluster picker', () => {
  it('lists name, group, region, version and state (symbol and word) within 80 columns', async () => {
    const ui = await picker().ui;
    const frame = ui.frame();
    expect(frame).toContain(`Pick a cluster in subscription ${SUB} (3 of 3)`);
    expect(frame).toMatch(/NAME +RESOURCE GROUP +REGION +VERSION +STATE/);
    expect(frame).toMatch(/▶ aks-shop-prod +rg-shop +westeurope +1\.31\.8 +✔ Running/);
    expect(frame).toMatch(/aks-batch-dev +rg-batch +northeurope +1\.30\.4 +■ Stopped/);
    expect(frame).toContain('… Upgrading');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('moves with ↓ and picks with Enter', async () => {
    const { ui, onPick } = picker();
    const h = await ui;
    await h.press(DOWN);
    await h.waitFor((f) => /▶ aks-batch-dev/.test(f));
    await h.press(ENTER);
    expect(onPick).toHaveBeenCalledWith(choice.clusters[1]);
  });

  it('filters with /, by any column, and picks from what is shown', async () => {
    const { ui, onPick } = picker();
    const h = await ui;
    await h.press('/');
    await h.type('north');
    await h.waitFor('(1 of 3)');
    expect(h.frame()).not.toContain('aks-shop-prod');
    await h.press(ENTER); // leaves the filter line, keeps the filter
    await h.waitFor('filter: north');
    await h.press(ENTER);
    expect(onPick).toHaveBeenCalledWith(choice.clusters[1]);
  });

  it('Esc in the filter clears it; Esc on the list quits', async () => {
    const { ui, onQuit, onPick } = picker();
    const h = await ui;
    await h.press('/');
    await h.type('zzz');
    await h.waitFor('No cluster matches.');
    await h.press(ESC);
    await h.waitFor('(3 of 3)');
    expect(onQuit).not.toHaveBeenCalled();
    await h.press(ESC);
    expect(onQuit).toHaveBeenCalledOnce();
    expect(onPick).not.toHaveBeenCalled();
  });
});

describe('App with only a subscription named', () => {
  it('shows the spinner while ARM lists, then the picker; Enter hands the cluster to the logic', async () => {
    const store = new SessionStore({ readOnly: false, dryRun: false, demo: false });
    store.update({ connection: { phase: 'connecting', detail: 'Listing the AKS clusters' } });
    const actions = { onQuit: vi.fn(), onPickCluster: vi.fn() };
    const h = await renderInk(<App store={store} actions={actions} />);
    expect(h.frame()).toContain('Listing the AKS clusters');
    await h.act(() => store.update({ pick: choice }));
    await h.waitFor('Pick a cluster');
    await h.press(ENTER);
    expect(actions.onPickCluster).toHaveBeenCalledWith(choice.clusters[0]);
    await h.act(() =>
      store.update({
        pick: undefined,
        connection: { phase: 'connecting', detail: 'Connecting to aks-shop-prod' },
      }),
    );
    await h.waitFor('Connecting to aks-shop-prod');
  });
});
