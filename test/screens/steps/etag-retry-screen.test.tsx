// An upgrade AKS refuses because the cluster changed after it was read (409 EtagMismatch, from
// the simulator's fault injector): the words on screen say what r does. r on that step retries at
// once, reading the cluster again and asking first (it once said "press r to read it again …
// then retry", as if r only read); nothing is sent before the question is answered.
import { act } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../screens/App.js';
import type { AppActions } from '../../../screens/app-actions.js';
import { startSimulator, type Simulator } from '../../../src/sim/simulator.js';
import { makeUpgradesStep } from '../../../src/steps/upgrades/index.js';
import { stepSession } from '../../e2e/security-step-session.js';
import { ENTER, ESC, renderInk } from '../../helpers/ink.js';
import { until } from '../../helpers/until.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    scenario: 'minimal',
    speed: 600,
    faults: { api: 'arm', armEtagMismatch: 1, pathPattern: '/managedClusters/[^/]+$' },
  });
});
afterAll(async () => {
  await sim.close();
});

/** PUTs of the managed cluster the simulator received. */
const puts = (): number =>
  sim.log.writes().filter((e) => e.method === 'PUT' && /\/managedClusters\/[^/]+$/.test(e.path))
    .length;

describe('an upgrade refused for an etag mismatch, on the screen', () => {
  it('says r retries (asking first) and r does that: the question opens, Esc sends nothing', async () => {
    const upgrades = makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 });
    const s = await stepSession(sim, 'upgrades', upgrades);
    s.store.update({ connection: { phase: 'connected', cluster: s.connection.summary } });
    const actions: AppActions = {
      onQuit: vi.fn(),
      onOpenStep: (id) => void s.host.open(id),
      onStepEvent: (id, event) => void s.host.send(id, event),
    };
    const ui = await renderInk(<App store={s.store} actions={actions} />, {
      columns: 100,
      rows: 60,
    });
    await ui.press(':');
    await ui.type('upgrades');
    await ui.press(ENTER);
    await act(() => until(() => s.view().actions !== undefined, 'the upgrades step to look'));
    await act(() => s.host.send('upgrades', { type: 'target', version: '1.32.5' }));
    const cluster = sim.arm.name;
    await ui.press('c');
    await ui.waitFor(`Type ${cluster}`);
    await ui.type(cluster);
    await ui.press(ENTER);
    await act(() =>
      until(() => s.view().result?.some((l) => l.includes('EtagMismatch')), 'the refusal'),
    );
    const frame = await ui.waitFor('Press r to retry');
    expect(frame).toContain('EtagMismatch');
    const said = (s.view().result ?? []).join('\n');
    expect(said).toContain(
      'Press r to retry: it reads the cluster again and asks you first, showing the change it would send; check it still makes sense before you confirm. If the last look failed, r looks again first; once a look works, r retries.',
    );
    expect(said).not.toContain('read it again, check');
    const sent = puts();
    // r retries at once: the question is open (nothing sent yet); Esc, the default, cancels.
    await ui.press('r');
    await ui.waitFor(`Type ${cluster}`);
    expect(puts()).toBe(sent);
    await ui.press(ESC);
    await ui.waitFor('Cancelled: nothing was sent.');
    expect(puts()).toBe(sent);
    await s.host.stop();
  }, 60_000);
});
