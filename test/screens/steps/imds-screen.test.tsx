import { describe, expect, it, vi } from 'vitest';
import { App } from '../../../screens/App.js';
import type { AppActions } from '../../../screens/app-actions.js';
import { ImdsScreen } from '../../../screens/steps/imds/ImdsScreen.js';
import { focusLine } from '../../../screens/steps/imds/namespace-table.js';
import { CHECKLIST } from '../../../src/model/checklist.js';
import type { StepView } from '../../../src/steps/contract/view.js';
import type { ImdsRow } from '../../../src/steps/imds/state.js';
import type { ImdsState } from '../../../src/steps/imds/state.js';
import { imdsSession } from '../../steps/imds/harness.js';
import { DOWN, ENTER, ESC, renderInk, widestLine } from '../../helpers/ink.js';

const step = CHECKLIST.find((s) => s.id === 'imds')!;

function row(namespace: string, patch: Partial<ImdsRow> = {}): ImdsRow {
  return {
    namespace,
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
    details: ['apiVersion: networking.k8s.io/v1'],
    ...patch,
  };
}

const STATE: ImdsState = {
  phase: 'ready',
  engine: 'network policy calico, plugin azure, IPv4',
  filter: '',
  rows: [
    row('default', { pods: 0 }),
    row('kube-system', { chosen: false, system: 'Kubernetes system namespace' }),
    row('payments', { verdict: 'blocked', action: 'none', policies: 1, egressPolicies: 1 }),
    row('shop'),
  ],
  apply: { unavailable: undefined },
  rollback: { unavailable: 'no policy created by aks-runbook is present' },
};

function renderScreen(state: ImdsState, view: StepView = {}) {
  const send = vi.fn();
  const onBack = vi.fn();
  const ui = renderInk(
    <ImdsScreen
      step={step}
      status={{ kind: 'findings', count: 2 }}
      view={view}
      state={state}
      send={send}
      width={80}
      height={21}
      active
      onBack={onBack}
      onHelp={vi.fn()}
      onQuit={vi.fn()}
    />,
    { columns: 80, rows: 24 },
    { footer: true },
  );
  return { send, onBack, ui };
}

describe('imds namespace table', () => {
  it('says why an extension-named namespace is not chosen, in its row and focus line', async () => {
    const flux = row('flux-system', {
      chosen: false,
      optIn: 'cluster extension namespace name (Flux/GitOps, Azure Backup): choose it yourself',
    });
    const { ui } = renderScreen({ ...STATE, rows: [...STATE.rows, flux] });
    const frame = (await ui).frame();
    expect(frame).toMatch(/\[ \] flux-system\s+✖ exposed.*excluded \(ext\.\)/);
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
    expect(focusLine(flux)).toContain('cluster extension namespace name');
    // Once chosen, the reason gives way to the row's warning.
    expect(focusLine({ ...flux, chosen: true })).not.toContain('cluster extension');
  });

  it('shows verdicts with symbols, what applying would do, and fits 80 columns', async () => {
    const { ui } = renderScreen(STATE);
    const frame = (await ui).frame();
    expect(frame).toContain('Engine: network policy calico');
    expect(frame).toMatch(/\[x\] default\s+✖ exposed/);
    expect(frame).toMatch(/\[ \] kube-system\s+✖ exposed.*excluded \(system\)/);
    expect(frame).toMatch(/payments\s+✔ blocked/);
    expect(frame).toContain('[a] apply to the chosen namespaces');
    expect(frame).toContain('[r] roll back: not available, no policy');
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
  });

  it('with no engine, no row reads blocked: every verdict is "not enforced"', async () => {
    const rows = STATE.rows.map((r) => ({ ...r, enforced: false }));
    const { ui } = renderScreen({ ...STATE, rows, inert: 'No policy engine' });
    const frame = (await ui).frame();
    expect(frame).toMatch(/payments\s+✖ not enforced/);
    expect(frame).not.toContain('✔ blocked');
  });

  it('with the engine unknown, blocked rows say "blocked if enforced", within 80 columns', async () => {
    const rows = STATE.rows.map((r) => ({ ...r, enforced: undefined }));
    const engine = 'policy engine unknown (Azure was not read: no subscription access)';
    const { ui } = renderScreen({ ...STATE, engine, rows });
    const frame = (await ui).frame();
    expect(frame).toMatch(/payments\s+△ blocked if enforced\s+1\/1/);
    expect(frame).not.toContain('✔ blocked');
    // The other verdicts are unchanged: exposure needs no engine.
    expect(frame).toMatch(/\[x\] default\s+✖ exposed/);
    expect(frame).toContain('VERDICT');
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
  });

  it('p probes; a probe that disagrees is spelled out on the focused row', async () => {
    const probes = [
      {
        namespace: 'default',
        pod: 'aks-runbook-imds-probe-abc123',
        static: { reachable: false, text: '✔ blocked' },
        probe: { kind: 'reachable' as const },
        agree: false,
        line: '≠ default: the policies say blocked, the probe connected',
      },
    ];
    const { send, ui } = renderScreen({ ...STATE, probe: {}, probes });
    const harness = await ui;
    expect(harness.frame()).toContain('≠ probe DISAGREES');
    expect(harness.frame()).toContain('[p] probe the chosen namespaces');
    await harness.press('p');
    expect(send).toHaveBeenLastCalledWith({ type: 'action', key: 'p' });
  });

  it('space toggles the focused namespace; a applies; an unavailable r does nothing', async () => {
    const { send, ui } = renderScreen(STATE);
    const harness = await ui;
    await harness.press(DOWN, ' ');
    expect(send).toHaveBeenLastCalledWith({ type: 'toggle', namespace: 'kube-system' });
    await harness.press('r');
    expect(send).toHaveBeenCalledTimes(1);
    await harness.press('a');
    expect(send).toHaveBeenLastCalledWith({ type: 'action', key: 'a' });
  });

  it('/ filters the table and keeps the filter with the step', async () => {
    const { send, ui } = renderScreen(STATE);
    const harness = await ui;
    await harness.press('/');
    await harness.type('sh');
    expect(harness.frame()).toContain('shop');
    expect(harness.frame()).not.toContain('payments');
    await harness.press(ENTER);
    expect(send).toHaveBeenLastCalledWith({ type: 'filter', text: 'sh' });
    // The toggle now reaches the only row left.
    await harness.press(' ');
    expect(send).toHaveBeenLastCalledWith({ type: 'toggle', namespace: 'shop' });
  });

  it('Enter shows the namespace with its YAML, Esc returns, Esc again goes back', async () => {
    const { onBack, ui } = renderScreen(STATE);
    const harness = await ui;
    await harness.press(ENTER);
    expect(harness.frame()).toContain('apiVersion: networking.k8s.io/v1');
    await harness.press(ESC);
    expect(harness.frame()).toContain('NAMESPACE');
    expect(onBack).not.toHaveBeenCalled();
    await harness.press(ESC);
    expect(onBack).toHaveBeenCalledOnce();
  });

  it('e on a namespace whose rule re-opens the endpoint asks to edit that rule', async () => {
    const rows = [
      row('batch', { verdict: 'reopened', action: 'review', policies: 2, egressPolicies: 2 }),
    ];
    const { send, ui } = renderScreen({ ...STATE, rows });
    const harness = await ui;
    expect(harness.frame()).toContain('e fix the rule');
    await harness.press('e');
    expect(send).toHaveBeenLastCalledWith({ type: 'fix', namespace: 'batch' });
  });

  it('read-only: no action is offered and keys a and r send nothing', async () => {
    const { send, ui } = renderScreen({ ...STATE, apply: undefined, rollback: undefined });
    const harness = await ui;
    expect(harness.frame()).toContain('Read-only: no change is offered.');
    await harness.press('a', 'r');
    expect(send).not.toHaveBeenCalled();
  });
});

describe('imds screen in the app, on the simulated demo cluster', () => {
  it('apply asks with Cancel preselected; Enter cancels and nothing is written', async () => {
    const s = await imdsSession('demo');
    try {
      s.store.update({ connection: { phase: 'connected', cluster: s.connection.summary } });
      const actions: AppActions = {
        onQuit: vi.fn(),
        onOpenStep: (id) => void s.host.open(id),
        onStepEvent: (id, event) => void s.host.send(id, event),
      };
      const ui = await renderInk(<App store={s.store} actions={actions} />);
      await ui.press(':');
      await ui.type('imds');
      await ui.press(ENTER);
      await ui.waitFor((f) => /shop\s+✖ exposed/.test(f));
      await ui.press('a');
      const dialog = await ui.waitFor('▶ No, cancel ◀');
      expect(dialog).toContain('aks-shop-prod');
      expect(dialog).toContain('Namespaces: default, monitoring, shop');
      await ui.press(ENTER);
      await ui.waitFor('Cancelled: nothing was changed.');
      expect(s.sim.log.writes()).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

describe('imds report after a failed look', () => {
  it("v: the result names l, and l there looks again (a/r/p stay the table's)", async () => {
    const view: StepView = {
      result: [
        '▲ Done, NOT verified. Press l to look again: the cluster was not read back after the change.',
      ],
      actions: [
        { key: 'a', label: 'Apply the blocking policy' },
        { key: 'l', label: 'Look again' },
      ],
    };
    const { send, ui } = renderScreen(STATE, view);
    const ink = await ui;
    await ink.press('v');
    const report = await ink.waitFor('[l] Look again');
    expect(report).not.toContain('[a] Apply');
    await ink.press('a');
    await ink.press('l');
    expect(send.mock.calls).toEqual([[{ type: 'action', key: 'l' }]]);
  });
});
