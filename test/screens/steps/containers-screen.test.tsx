import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../screens/App.js';
import type { AppActions } from '../../../screens/app-actions.js';
import { startSimulator, type Simulator } from '../../../src/sim/simulator.js';
import { containersStep } from '../../../src/steps/containers/index.js';
import { stepSession } from '../../e2e/security-step-session.js';
import { ENTER, ESC, renderInk, widestLine } from '../../helpers/ink.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
});
afterAll(async () => {
  await sim.close();
});

describe('containers step in the app, on the simulated demo cluster (read-only)', () => {
  it('folds the findings by workload to fit 80x24, filters with /, and exports the patches with e', async () => {
    const s = await stepSession(sim, 'containers', containersStep, { readOnly: true });
    s.store.update({ connection: { phase: 'connected', cluster: s.connection.summary } });
    const actions: AppActions = {
      onQuit: vi.fn(),
      onOpenStep: (id) => void s.host.open(id),
      onStepEvent: (id, event) => void s.host.send(id, event),
    };
    const before = sim.log.entries.length;
    const ui = await renderInk(<App store={s.store} actions={actions} />);
    await ui.press(':');
    await ui.type('containers');
    await ui.press(ENTER);
    let frame = await ui.waitFor('Findings (');
    const total = Number(/Findings \((\d+)\)/.exec(frame)?.[1]);
    expect(total).toBeGreaterThan(10);
    // One line per workload, worst first, counts in words: every workload is on the first screen.
    expect(frame).toMatch(/▸ ▲ HIGH Deployment\/monitoring\/log-shipper · \d+ findings: 1 high/);
    expect(frame.split('\n').length).toBeLessThanOrEqual(24);
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
    expect(frame).toContain('/ filter · s sort');

    await ui.press('/');
    await ui.type('orders-db');
    frame = await ui.waitFor((f) => new RegExp(`Findings \\(\\d+ of ${total}\\)`).test(f));
    expect(frame).toContain('▾ ');
    expect(frame).not.toContain('log-shipper');
    await ui.press(ENTER, ESC);
    await ui.waitFor(`Findings (${total}) · sort: severity`);

    // The export is one key away even in read-only mode: it only writes a local file.
    await ui.waitFor('[e] Export the suggested patches');
    await ui.press('e');
    frame = await ui.waitFor((f) => /Result\nWrote\s/.test(f));
    // The outcome scrolled into view below the suggested patches, which keep their YAML indent.
    expect(frame).toMatch(
      /^• Deployment shop\/storefront \(spec\.template\.spec\):\n {4}securityContext:$/m,
    );
    expect(frame).toMatch(/^ {14}- ALL$/m);
    const file = /Wrote (\S+\.yaml)/.exec(s.view().result?.join('\n') ?? '')?.[1];
    expect(file && existsSync(file)).toBe(true);
    expect(sim.log.entries.slice(before).filter((e) => e.effect !== 'read')).toEqual([]);
    await s.host.stop();
  });
});
