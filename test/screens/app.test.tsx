import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { SessionStore } from '../../src/runbook/session.js';
import type { ImdsState } from '../../src/steps/imds/state.js';
import { CTRL_C, DOWN, ENTER, ESC, RIGHT, renderInk } from '../helpers/ink.js';
import { connectedStore } from './fixtures.js';

function renderApp(store: SessionStore) {
  const actions = { onQuit: vi.fn(), onOpenStep: vi.fn() };
  return { actions, ui: renderInk(<App store={store} actions={actions} />) };
}

const QUIET = { readOnly: false, dryRun: false, demo: false };

const READY_IMDS: ImdsState = {
  phase: 'ready',
  engine: 'network policy calico, plugin azure, IPv4',
  filter: '',
  rows: [
    {
      namespace: 'shop',
      verdict: 'exposed',
      enforced: true,
      chosen: true,
      policies: 0,
      egressPolicies: 0,
      pods: 2,
      hostNetworkPods: 0,
      action: 'create',
      rights: {},
      ours: false,
      findings: [],
      details: [],
    },
  ],
  apply: {},
  rollback: {},
};

describe('App shell', () => {
  it('shows a spinner with what it is doing while connecting', async () => {
    const store = new SessionStore(QUIET);
    store.update({
      connection: { phase: 'connecting', detail: 'Reading kubeconfig context prod' },
    });
    const { ui } = renderApp(store);
    const harness = await ui;
    expect(harness.frame()).toContain('Reading kubeconfig context prod');
    await harness.act(() =>
      store.update({ connection: { phase: 'connecting', detail: 'Asking ARM for the cluster' } }),
    );
    expect(harness.frame()).toContain('Asking ARM for the cluster');
  });

  it('shows a failed connection in one line and quits on q', async () => {
    const store = new SessionStore(QUIET);
    store.update({
      connection: { phase: 'failed', message: 'context "prod" not found in kubeconfig' },
    });
    const { ui, actions } = renderApp(store);
    const harness = await ui;
    expect(harness.frame()).toContain('✖ context "prod" not found in kubeconfig');
    // How to quit is said once, in the one footer row.
    expect(harness.frame()).not.toContain('Press q to quit');
    expect(
      harness
        .frame()
        .split('\n')
        .filter((l) => /\bq quit\b/.test(l)),
    ).toHaveLength(1);
    await harness.press('q');
    expect(actions.onQuit).toHaveBeenCalledOnce();
  });

  it('goes from connecting to the overview when the logic connects', async () => {
    const store = new SessionStore(QUIET);
    const { ui } = renderApp(store);
    const harness = await ui;
    expect(harness.frame()).toContain('Starting');
    const connected = connectedStore().getState().connection;
    await harness.act(() => store.update({ connection: connected }));
    expect(harness.frame()).toContain('Connect and check your rights');
  });

  it('puts the cluster name and the mode badges in the header', async () => {
    const store = connectedStore({ mode: { readOnly: true, dryRun: true, demo: true } });
    const { ui } = renderApp(store);
    const header = (await ui).frame().split('\n')[0];
    expect(header).toContain('aks-prod-weu');
    expect(header).toContain('[READ-ONLY] [DRY-RUN] [DEMO]');
  });

  it('badges a cluster of aks-runbook sim reached through --sim-connection [SIM]', async () => {
    const mode = { readOnly: false, dryRun: false, demo: false, simulated: true };
    const { ui } = renderApp(connectedStore({ mode }));
    expect((await ui).frame().split('\n')[0]).toMatch(/aks-prod-weu\b.* \[SIM\]$/);
  });

  it('shows no badge when no safety switch is on', async () => {
    const { ui } = renderApp(connectedStore());
    expect((await ui).frame().split('\n')[0]).not.toMatch(/READ-ONLY|DRY-RUN|DEMO/);
  });

  it('? opens help listing the keys of the overview; Esc closes it', async () => {
    const { ui } = renderApp(connectedStore());
    const harness = await ui;
    await harness.press('?');
    let frame = harness.frame();
    expect(frame).toContain('Keys: checklist');
    for (const key of ['Enter', '/', ':', 'Esc', '?', 'q Ctrl+C']) expect(frame).toContain(key);
    expect(frame).not.toContain('Connect and check your rights');
    // Keys of the layer underneath do nothing while help is open.
    await harness.press(DOWN, ENTER);
    expect(harness.frame()).toContain('Keys: checklist');
    await harness.press(ESC);
    frame = harness.frame();
    expect(frame).not.toContain('Keys: checklist');
    expect(frame.split('\n').find((line) => line.includes(' connect '))).toMatch(/^❯/);
  });

  it('? in an opened step lists the step keys; ? again closes', async () => {
    const { ui } = renderApp(connectedStore());
    const harness = await ui;
    await harness.press(ENTER, '?');
    expect(harness.frame()).toContain('Keys: step');
    expect(harness.frame()).toContain('back to the checklist');
    await harness.press('?');
    expect(harness.frame()).toContain('Connect and check your rights (connect)');
  });

  it("? in a step with its own screen lists that screen's keys that work now", async () => {
    const store = connectedStore();
    store.update({ stepStates: { imds: READY_IMDS } });
    const { ui } = renderApp(store);
    const harness = await ui;
    await harness.press(':');
    await harness.type('imds');
    await harness.press(ENTER, '?');
    const frame = harness.frame();
    expect(frame).toContain('include or exclude the namespace');
    expect(frame).toContain('roll back: delete only the policies');
    expect(frame).toContain('quit (asks first while work is running)');
    // The help is drawn from the same table as the handler: no key that does nothing now.
    expect(frame).not.toContain('edit the rule that reopens the endpoint');
  });

  it('keys typed in one burst right after a screen change reach the new screen', async () => {
    // A fast typist (or a paste) gets one read from the terminal: ":" opens the prompt and "imds"
    // + Enter must land in it, not in the checklist underneath (where "q" or "j" would act).
    const { ui, actions } = renderApp(connectedStore());
    const harness = await ui;
    await harness.burst(':imds\r', '(imds)');
    expect(actions.onOpenStep).toHaveBeenCalledWith('imds');
    await harness.press(ESC);
    await harness.burst(':qu', ':qu');
    expect(actions.onQuit).not.toHaveBeenCalled();
  });

  it('shows the step the logic hands over to (as a failed upgrade hands over to drain)', async () => {
    const store = connectedStore();
    const { ui } = renderApp(store);
    const harness = await ui;
    await harness.act(() => store.update({ focus: { step: 'imds', seq: 1 } }));
    await harness.waitFor('(imds)');
  });

  it('q quits at once when nothing is running', async () => {
    const { ui, actions } = renderApp(connectedStore());
    await (await ui).press('q');
    expect(actions.onQuit).toHaveBeenCalledOnce();
  });

  it('q asks first while work is running, and Enter stays', async () => {
    const store = connectedStore();
    store.update({ busy: true });
    const { ui, actions } = renderApp(store);
    const harness = await ui;
    await harness.press('q');
    expect(harness.frame()).toContain('Quit while work is running?');
    await harness.press(ENTER);
    expect(actions.onQuit).not.toHaveBeenCalled();
    expect(harness.frame()).not.toContain('Quit while work is running?');
    await harness.press('q', 'n');
    expect(actions.onQuit).not.toHaveBeenCalled();
    await harness.press('q', 'y');
    expect(actions.onQuit).toHaveBeenCalledOnce();
  });

  it('Ctrl+C behaves like q: asks while busy, a second Ctrl+C quits', async () => {
    const store = connectedStore();
    store.update({ busy: true });
    const { ui, actions } = renderApp(store);
    const harness = await ui;
    await harness.press(CTRL_C);
    expect(harness.frame()).toContain('Quit while work is running?');
    expect(actions.onQuit).not.toHaveBeenCalled();
    await harness.press(CTRL_C);
    expect(actions.onQuit).toHaveBeenCalledExactlyOnceWith('interrupt');
  });

  it('tells the logic a quit by Ctrl+C is an interrupt, and one by q is not', async () => {
    const first = renderApp(connectedStore());
    await (await first.ui).press(CTRL_C);
    expect(first.actions.onQuit).toHaveBeenCalledExactlyOnceWith('interrupt');
    const second = renderApp(connectedStore());
    await (await second.ui).press('q');
    expect(second.actions.onQuit).toHaveBeenCalledExactlyOnceWith(undefined);
  });

  it('renders a confirmation the logic asks for and returns the answer', async () => {
    const store = connectedStore();
    const { ui } = renderApp(store);
    const harness = await ui;
    let answer: Promise<boolean> | undefined;
    await harness.act(() => {
      answer = store.ask({ cluster: 'aks-prod-weu', change: 'Enable Defender for Containers' });
    });
    expect(harness.frame()).toContain('Enable Defender for Containers');
    await harness.press(ENTER);
    await expect(answer).resolves.toBe(false);
    expect(harness.frame()).not.toContain('Enable Defender for Containers');

    await harness.act(() => {
      answer = store.ask({ cluster: 'aks-prod-weu', change: 'Create NetworkPolicy block-imds' });
    });
    // A new request starts on Cancel again, whatever the last one ended on.
    expect(harness.frame()).toContain('▶ No, cancel ◀');
    await harness.press(RIGHT, ENTER);
    await expect(answer).resolves.toBe(true);
  });

  it('a typed confirmation from the logic needs the exact name', async () => {
    const store = connectedStore();
    const { ui } = renderApp(store);
    const harness = await ui;
    let answer: Promise<boolean> | undefined;
    await harness.act(() => {
      answer = store.ask({
        cluster: 'aks-prod-weu',
        change: 'Upgrade the control plane to 1.31.2',
        typed: 'aks-prod-weu',
      });
    });
    await harness.type('aks-prod');
    await harness.press(ENTER);
    expect(harness.frame()).toContain('is not "aks-prod-weu"');
    expect(store.getState().confirmation).toBeDefined();
    await harness.type('-weu');
    await harness.press(ENTER);
    await expect(answer).resolves.toBe(true);
  });

  it('a confirmation takes the keys from the screen underneath', async () => {
    const store = connectedStore();
    const { ui, actions } = renderApp(store);
    const harness = await ui;
    await harness.act(() => {
      void store.ask({ cluster: 'aks-prod-weu', change: 'Cordon node a' });
    });
    await harness.press('q', DOWN, 'j');
    expect(actions.onQuit).not.toHaveBeenCalled();
    expect(actions.onOpenStep).not.toHaveBeenCalled();
    expect(store.getState().confirmation).toBeDefined();
  });
});
