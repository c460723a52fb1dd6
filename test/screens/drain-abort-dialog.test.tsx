// Aborting a drain asks in the same confirmation dialog as every change (journaled like every
// answer): Cancel first, Enter on it keeps draining, Yes then Enter stops the drain.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import type { AppActions } from '../../screens/app-actions.js';
import { drainRig, nodeOf } from '../drain/rig.js';
import { until } from '../drain/sim-session.js';
import { ENTER, renderInk } from '../helpers/ink.js';
import { abortConfirmation, drainConfirmation } from '../../src/steps/drain/confirmations.js';
import { DEFAULT_DRAIN_OPTIONS, type DrainNode } from '../../src/model/drain.js';
import { dryRunQuestion } from '../../src/model/session.js';

type Rig = Awaited<ReturnType<typeof drainRig>>;
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function drainingApp(mode: { dryRun?: boolean } = {}) {
  const r = (rig = await drainRig('demo', mode));
  r.store.update({ connection: { phase: 'connected', cluster: r.connection.summary } });
  const actions: AppActions = {
    onQuit: vi.fn(),
    onOpenStep: (id) => void r.host.open(id),
    onStepEvent: (id, event) => void r.host.send(id, event),
  };
  const ui = await renderInk(<App store={r.store} actions={actions} />, { columns: 80, rows: 24 });
  await ui.press(':');
  await ui.type('drain');
  await ui.press(ENTER);
  await ui.waitFor('Cordon and drain');
  const node = nodeOf(r.sim, 'orders-db');
  const sent = r.host.send('drain', { type: 'drain', nodes: [node] });
  await until(() => r.store.getState().confirmation !== undefined, 'the drain confirmation');
  r.store.answer(true);
  await ui.waitFor('waiting on PDB');
  return { r, ui, node, sent };
}

describe('drain abort', () => {
  it('asks in the confirmation dialog; Cancel keeps draining, Yes aborts', async () => {
    const { r, ui, node, sent } = await drainingApp();
    await ui.press('x');
    const dialog = await ui.waitFor('Confirm a change');
    expect(dialog).toContain(`Change: Abort the drain of node ${node}`);
    expect(dialog).toContain('▶ No, cancel ◀');
    expect(dialog).toContain('Nodes already cordoned stay cordoned');
    await ui.press(ENTER);
    await ui.waitFor('x abort');
    expect(r.store.getState().busy).toBe(true);
    await ui.press('x');
    await ui.waitFor('Confirm a change');
    await ui.press('y');
    await ui.waitFor('▶ Yes, go ahead ◀');
    await ui.press(ENTER);
    await sent;
    await ui.waitFor('Drain finished');
    expect(r.state().progress!.nodes[0]!.phase).toBe('aborted');
  });

  it('in a dry run the question says so and claims no node stays cordoned', () => {
    // A dry-run drain no longer waits on budgets (it reports them at once), so it is rarely
    // running long enough to abort; the question it would ask is checked as built.
    // The session marks every question of a dry run (src/runbook/confirm.ts): as it is asked.
    const asked = dryRunQuestion(abortConfirmation('aks-shop-prod', ['aks-apps-0'], true));
    const text = [asked.change, ...(asked.details ?? []).map(String)].join('\n');
    expect(asked.dryRun).toBe(true);
    expect(asked.change).toBe('(dry run) Abort the drain of node aks-apps-0');
    expect(text).toContain('Nothing was cordoned or evicted');
    expect(text).not.toMatch(/stays? cordoned|stay evicted|u uncordons/);
    // The drain's own question says what a dry run does, not what a real drain leaves behind.
    const drain = drainConfirmation(
      'aks-shop-prod',
      [{ name: 'aks-apps-0' } as DrainNode],
      {},
      DEFAULT_DRAIN_OPTIONS,
      true,
    );
    const drainText = (drain.details ?? []).join('\n');
    expect(drainText).toContain('no node is cordoned, no pod moves');
    expect(drainText).not.toMatch(/leaves the node cordoned|u uncordons/);
  });
});
