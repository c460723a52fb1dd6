import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import { STEP_IDS } from '../../src/model/checklist.js';
import type { SessionStore } from '../../src/runbook/session.js';
import { DOWN, ENTER, renderInk, widestLine } from '../helpers/ink.js';
import { connectedStore, sampleCluster } from './fixtures.js';

const LONG = 'a-very-long-name-that-keeps-going-and-going-past-any-reasonable-terminal-width';

/** A session with every field as long as it gets. */
function crowdedStore(): SessionStore {
  const pools = Array.from({ length: 6 }, (_, index) => ({
    name: `${LONG}-${index}`,
    mode: 'System',
    osType: 'Windows',
    osSku: 'Windows2022',
    count: 100 + index,
    orchestratorVersion: '1.29.10-preview',
  }));
  const store = connectedStore({
    mode: { readOnly: true, dryRun: true, demo: true },
    cluster: sampleCluster({ name: LONG, resourceGroup: LONG, location: LONG, pools }),
    armMissing: `no subscription, group or name given, so ${LONG} cannot be asked`,
  });
  for (const id of STEP_IDS) store.setStep(id, { kind: 'unavailable', why: `${LONG} for ${id}` });
  // Without ARM the fleet step has nothing to look at: skipped, so not listed.
  store.setStep('fleet', { kind: 'skipped', why: 'the cluster is in no fleet' });
  store.setStep('rbac', {
    kind: 'findings',
    count: 12,
  });
  return store;
}

function render(store: SessionStore, size = { columns: 80, rows: 24 }) {
  return renderInk(<App store={store} actions={{ onQuit: vi.fn() }} />, size);
}

function expectFits(frame: string, size: { columns: number; rows: number }) {
  expect(widestLine(frame), frame).toBeLessThanOrEqual(size.columns);
  expect(frame.split('\n').length, frame).toBeLessThanOrEqual(size.rows);
}

describe('layout at 80x24', () => {
  const size = { columns: 80, rows: 24 };

  it('the overview fits, long names cut with an ellipsis', async () => {
    const ui = await render(crowdedStore(), size);
    const frame = ui.frame();
    expectFits(frame, size);
    expect(frame).toContain('[READ-ONLY] [DRY-RUN] [DEMO]');
    expect(frame).toContain('…');
    for (const id of STEP_IDS.filter((id) => id !== 'fleet')) expect(frame).toContain(` ${id} `);
    expect(frame).not.toContain(' fleet ');
    expect(frame).toContain('more pools');
  });

  it('help, a step, a confirmation and the quit question fit', async () => {
    const store = crowdedStore();
    const ui = await render(store, size);
    await ui.press('?');
    expectFits(ui.frame(), size);
    await ui.press('?', DOWN, DOWN, ENTER);
    expect(ui.frame()).toContain('(api-access)');
    expectFits(ui.frame(), size);
    await ui.act(() => {
      void store.ask({
        cluster: LONG,
        change: `Drain ${LONG} and ${LONG}, then upgrade the pool to 1.31.2`,
        details: [`${LONG} ${LONG}`],
      });
    });
    expectFits(ui.frame(), size);
    await ui.act(() => store.answer(false));
    await ui.act(() => {
      void store.ask({ cluster: LONG, change: `Upgrade ${LONG}`, typed: LONG });
    });
    expectFits(ui.frame(), size);
    await ui.act(() => store.answer(false));
    await ui.act(() => store.update({ busy: true }));
    await ui.press('q');
    expect(ui.frame()).toContain('Quit while work is running?');
    expectFits(ui.frame(), size);
  });

  it('a step with many findings fits and scrolls', async () => {
    const store = connectedStore();
    const findings = Array.from({ length: 12 }, (_, index) => ({
      id: 'rbac.user-subject' as const,
      severity: 'high' as const,
      object: { kind: 'ClusterRoleBinding', name: `${LONG}-${index}` },
      message: `User ${LONG} is bound directly to cluster-admin instead of through a group.`,
      remediation: 'Bind an Entra ID group instead, then remove the user subject.',
    }));
    // What the containers step would show, put where the app reads it (the session's store).
    store.update({ stepViews: { containers: { findings, plan: ['Replace the user subject'] } } });
    const ui = await renderInk(<App store={store} actions={{ onQuit: vi.fn() }} />, size);
    // containers uses the generic frame.
    await ui.press(':');
    await ui.type('containers');
    await ui.press(ENTER);
    const frame = ui.frame();
    expectFits(frame, size);
    expect(frame).toContain('Findings (12)');
    expect(frame).toContain('▲ HIGH rbac.user-subject');
    expect(frame).toMatch(/lines 1–\d+ of \d+/);
    await ui.press('j', 'j');
    expect(ui.frame()).toMatch(/lines 3–\d+ of \d+/);
    expectFits(ui.frame(), size);
  });
});

describe('small and resized terminals', () => {
  it('windows the checklist when the terminal is short, following the cursor', async () => {
    const size = { columns: 80, rows: 12 };
    const ui = await render(connectedStore(), size);
    let frame = ui.frame();
    expectFits(frame, size);
    expect(frame).toMatch(/showing 1–\d+ of 10/);
    expect(frame).not.toContain(' summary ');
    await ui.press(...Array.from({ length: 9 }, () => DOWN));
    frame = ui.frame();
    expect(frame.split('\n').find((line) => line.includes(' summary '))).toMatch(/^❯/);
    expect(frame).not.toContain(' connect ');
    expectFits(frame, size);
  });

  it('re-lays out on resize', async () => {
    const ui = await render(crowdedStore(), { columns: 100, rows: 30 });
    expectFits(ui.frame(), { columns: 100, rows: 30 });
    await ui.resize(50, 16);
    expectFits(ui.frame(), { columns: 50, rows: 16 });
    await ui.resize(80, 24);
    expectFits(ui.frame(), { columns: 80, rows: 24 });
    expect(ui.frame()).toContain(' node-image ');
  });
});

describe('colour', () => {
  it('screens take colours only from the theme', () => {
    const dir = new URL('../../screens/', import.meta.url);
    const files = readdirSync(dir).filter((name) => name.endsWith('.tsx'));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const source = readFileSync(new URL(name, dir), 'utf8');
      const literal = source.match(/(?:color|Color)=["'{]\s*["'][a-z#]/g);
      expect(literal, `${name} uses a colour literal`).toBeNull();
    }
  });

  it('statuses read the same without colour: each has its own symbol and words', async () => {
    const store = connectedStore();
    store.setStep('connect', { kind: 'ok' });
    store.setStep('defender', { kind: 'unavailable', why: 'no ARM' });
    store.setStep('rbac', { kind: 'findings', count: 2 });
    store.setStep('imds', { kind: 'changed', what: 'policy created' });
    store.setStep('containers', { kind: 'skipped', why: 'read-only' });
    store.setStep('upgrades', { kind: 'running' });
    const frame = (await render(store)).frame();
    const marks = [
      '✔ connect',
      '✖ defender',
      '! rbac',
      '✎ imds',
      '– containers',
      '… upgrades',
      '· drain',
    ];
    for (const mark of marks) expect(frame).toContain(mark);
  });
});
