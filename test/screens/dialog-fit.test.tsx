// Every question the steps really ask (collected by walking every step against the simulated
// cluster and cancelling each), drawn in an 80x24 terminal: the dialog keeps its title, the
// cluster and the change in view and never grows taller than the terminal; long details scroll.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../screens/App.js';
import type { ConfirmationRequest } from '../../src/model/session.js';
import { DOWN, renderInk } from '../helpers/ink.js';
import { simTarget, type SimTarget } from '../reliability/cli-harness.js';
import { session, walkEveryStep } from '../reliability/walk.js';
import { connectedStore } from './fixtures.js';

let target: SimTarget;
let asked: ConfirmationRequest[] = [];

beforeAll(async () => {
  target = await simTarget({ scenario: 'demo' });
  const { store, running } = await session(target.file, {});
  try {
    ({ asked } = await walkEveryStep(target.sim, store, running, {
      accept: false,
      keys: (offered) => offered,
    }));
  } finally {
    await running.stop();
  }
}, 240_000);
afterAll(async () => {
  await target.sim.close();
});

/** The App in an 80x24 terminal with `request` open, as the logic would ask it. */
async function shown(request: ConfirmationRequest) {
  const store = connectedStore();
  const ui = await renderInk(<App store={store} actions={{ onQuit: vi.fn() }} />);
  await ui.act(() => void store.ask(request));
  return ui;
}

function expectHeader(frame: string, request: ConfirmationRequest): void {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(24);
  expect(frame).toMatch(/Confirm a change/);
  expect(frame).toContain(`Cluster: ${request.cluster}`);
  // The change, whole, even when it wraps.
  const text = lines.map((l) => l.replace(/^[│\s]+|[│\s]+$/g, '')).join(' ');
  expect(text.replace(/\s+/g, ' ')).toContain(`Change: ${request.change}`.replace(/\s+/g, ' '));
}

describe('every confirmation the steps ask, at 80x24', () => {
  it('the walk asked the questions of every changing step', () => {
    const changes = asked.map((r) => r.change).join('\n');
    expect(changes).toMatch(/control plane/i);
    expect(changes).toMatch(/drain/i);
    expect(changes).toMatch(/NetworkPolic/i);
    expect(asked.length).toBeGreaterThanOrEqual(5);
  });

  it('shows the title, the cluster and the whole change of each, in 24 lines', async () => {
    for (const request of asked) {
      const ui = await shown(request);
      expectHeader(ui.frame(), request);
      await ui.unmount();
    }
  });

  it('scrolls long details under a header that stays', async () => {
    const request: ConfirmationRequest = {
      cluster: 'aks-prod-weu',
      change: 'Upgrade the control plane from 1.31.8 to 1.32.5',
      details: Array.from({ length: 40 }, (_, i) => `detail line ${i + 1}`),
      typed: 'aks-prod-weu',
    };
    const ui = await shown(request);
    expectHeader(ui.frame(), request);
    expect(ui.frame()).toContain('detail line 1');
    expect(ui.frame()).not.toContain('detail line 40');
    expect(ui.frame()).toMatch(/lines 1–\d+ of 40/);
    for (let i = 0; i < 40; i++) await ui.press(DOWN);
    expectHeader(ui.frame(), request);
    expect(ui.frame()).toContain('detail line 40');
    expect(ui.frame()).not.toContain('detail line 1\n');
    // The field still takes the name: the arrows scrolled, they typed nothing.
    expect(ui.frame()).toContain('› ');
    await ui.unmount();
  });
});
