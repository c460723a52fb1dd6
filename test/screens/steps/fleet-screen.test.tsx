// The TUI's fleet step end to end: the real Fleet Manager and Resource Graph clients over HTTPS
// against the twelve-cluster simulator (`fleet` scenario), the real step host and app, keys
// typed through press(). The simulator's request log counts what was sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../../screens/App.js';
import type { AppActions } from '../../../screens/app-actions.js';
import type { SessionMode } from '../../../src/model/session.js';
import { viewLines, type StepView } from '../../../src/steps/contract/view.js';
import { fleetPort } from '../../../src/fleet/tui-port.js';
import { FLEET_SUBSCRIPTIONS } from '../../../src/sim/scenarios/fleet.js';
import { startSimulator, type Simulator } from '../../../src/sim/simulator.js';
import { connect } from '../../../src/target/connect.js';
import { fixedTokenCredential } from '../../../src/target/credential.js';
import { makeFleetStep } from '../../../src/steps/fleet/index.js';
import { stepSession } from '../../e2e/security-step-session.js';
import { ENTER, ESC, renderInk, widestLine } from '../../helpers/ink.js';
import { hostFor } from '../../helpers/sim-session.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { until } from '../../helpers/until.js';

const FLEET = 'fleet-contoso';
const SIZE = { columns: 80, rows: 40 };

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
});
afterAll(async () => {
  await sim.close();
});

/** A session on the fleet member aks-shop-dev with the fleet step wired as the TUI wires it. */
async function fleetSession(on: Simulator, state: string, mode: Partial<SessionMode> = {}) {
  const env = { XDG_STATE_HOME: state, AKS_RUNBOOK_FLEET_POLL_MS: '20' };
  const s = await stepSession(on, 'fleet', makeFleetStep(fleetPort(env)), mode);
  s.store.update({ connection: { phase: 'connected', cluster: s.connection.summary } });
  const actions: AppActions = {
    onQuit: vi.fn(),
    onOpenStep: (id) => void s.host.open(id),
    onStepEvent: (id, event) => void s.host.send(id, event),
  };
  const ui = await renderInk(<App store={s.store} actions={actions} />, SIZE);
  await ui.press(':');
  await ui.type('fleet');
  await ui.press(ENTER);
  await settled(s, (t) => t.includes('Run to plan'), 'the fleet step to look');
  await ui.waitFor('Run to plan');
  return { ...s, ui };
}

/** The step's view once `check` holds (the logic may take seconds: members are read one by one). */
function settled(s: { view: () => StepView }, check: (text: string) => boolean, what: string) {
  const text = () => {
    const v = s.view();
    return [
      ...(v.summary ?? []),
      ...viewLines(v.plan ?? []),
      ...(v.progress ?? []),
      ...(v.result ?? []),
    ].join('\n');
  };
  // Inside act: the screen renders every store change the logic makes while this waits.
  return act(() => until(() => check(text()), what, 30_000));
}

/** Update-run writes the simulator received, as `METHOD last-path-part`. */
function runWrites(on: Simulator, from = 0): string[] {
  return on.log
    .writes()
    .slice(from)
    .filter((e) => e.path.includes('/updateRuns/'))
    .map((e) => `${e.method} ${e.path.split('/').pop()!}`);
}

describe('fleet step in the app, on the simulated fleet', () => {
  it('shows membership, groups and the strategy; plans with every member readiness before anything starts', async () => {
    const before = sim.log.writes().length;
    const s = await fleetSession(sim, tempDir('fleet-tui-'));
    let frame = s.ui.frame();
    expect(frame).toContain('aks-shop-dev is member shop-dev of fleet fleet-contoso');
    expect(frame).toContain('group staging: shop-stg, pay-stg, data-stg');
    expect(frame).toMatch(/strategy dev-staging-prod: dev \[dev\] wait 5m → staging/);
    expect(frame).toContain('Run to plan: Full upgrade to 1.31.8, node image Latest');
    expect(frame).toMatch(/\[s\] Create and start .* not\s+available: plan it first/);
    await s.ui.press('p');
    await settled(s, (t) => t.includes('Planned;'), 'the plan');
    frame = await s.ui.waitFor('Planned; nothing has started.');
    const plan = viewLines(s.view().plan!).join('\n');
    expect(plan).toContain('✔ 1. shop-dev 1.30.12 → 1.31.8 ready · group dev');
    expect(plan).toContain('✖ 4. pay-stg 1.30.12 → 1.31.8 blocked · group staging');
    expect(plan).toMatch(/PDB data\/ledger allows 0 disruptions/);
    expect(plan).toContain('then wait 5m');
    expect(plan.indexOf('Stage dev')).toBeLessThan(plan.indexOf('Stage staging'));
    expect(plan.indexOf('Stage staging')).toBeLessThan(plan.indexOf('Stage prod'));
    expect(widestLine(frame)).toBeLessThanOrEqual(80);
    // t, v and i change the choices; a changed choice drops the plan.
    await s.ui.press('t');
    await s.ui.waitFor('Run to plan: ControlPlaneOnly upgrade to 1.31.8');
    expect(s.view().plan).toBeUndefined();
    await s.ui.press('t', 'i');
    await s.ui.waitFor('Run to plan: node images only, node image Consistent');
    expect(sim.log.writes().length).toBe(before);
    await s.host.stop();
  });

  it('starts only with the fleet name typed, follows to the PDB-blocked member, skips it on request and completes', async () => {
    const state = tempDir('fleet-tui-');
    const writes = sim.log.writes().length;
    const s = await fleetSession(sim, state);
    await s.ui.press('p');
    await settled(s, (t) => t.includes('Planned;'), 'the plan');
    await s.ui.waitFor('Planned; nothing has started.');
    await s.ui.press('s');
    let frame = await s.ui.waitFor(`Type ${FLEET}`);
    expect(frame).toContain(`Cluster: fleet ${FLEET}`);
    expect(frame).toMatch(/Change: create and start update run full-1-31-8-\d+: Full upgrade/);
    expect(frame).toMatch(/pay-stg is blocked: PDB data\/ledger/);
    // Cancel is the default: Esc changes nothing.
    await s.ui.press(ESC);
    await s.ui.waitFor('Cancelled: nothing was changed.');
    expect(runWrites(sim, writes)).toEqual([]);
    await s.ui.press('s');
    await s.ui.waitFor(`Type ${FLEET}`);
    await s.ui.type(FLEET);
    await s.ui.press(ENTER);
    await settled(s, (t) => /Update run \S+: Failed/.test(t), 'the run to fail');
    frame = await s.ui.waitFor((f) => /Update run \S+: Failed/.test(f));
    const run = /Update run (\S+): Failed/.exec(frame)![1]!;
    const progress = s.view().progress!.join('\n');
    expect(progress).toMatch(
      /stage dev > group dev > shop-dev \(rg-dev-westeurope\/aks-shop-dev\): Completed/,
    );
    expect(progress).toMatch(/wait 300s after stage dev: (Running|Completed)/);
    expect(progress).toContain('    wait 5m after dev: Completed');
    expect(progress).toMatch(/pay-stg \(rg-staging-westeurope\/aks-pay-stg\): Failed - Drain node/);
    expect(s.view().result!.join('\n')).toContain(
      'Failed: pay-stg (stage staging, group staging).',
    );
    // The overview says the change failed once the step has looked again.
    await act(() => until(() => s.store.getState().steps.fleet.kind === 'failed', 'failed status'));
    const offered = () => (s.view().actions ?? []).map((a) => `${a.key} ${a.label}`);
    await act(() => until(() => offered().some((a) => a.startsWith('m Skip member')), 'skip keys'));
    expect(offered()).toEqual(
      expect.arrayContaining([
        `m Skip member pay-stg in update run ${run}`,
        `g Skip group staging in update run ${run}`,
        `n Skip stage staging in update run ${run}`,
      ]),
    );
    await s.ui.press('m');
    frame = await s.ui.waitFor(`Type ${FLEET}`);
    expect(frame).toContain(`Change: skip member pay-stg in update run ${run}`);
    await s.ui.type(FLEET);
    await s.ui.press(ENTER);
    await settled(s, (t) => t.includes('Done: skip member'), 'the skip');
    await s.ui.waitFor(`Done: skip member pay-stg in update run ${run}`);
    await s.ui.press('s');
    frame = await s.ui.waitFor(`Type ${FLEET}`);
    expect(frame).toContain(`start update run ${run} again`);
    await s.ui.type(FLEET);
    await s.ui.press(ENTER);
    await settled(s, (t) => t.includes(`Update run ${run}: Completed.`), 'the run to complete');
    await s.ui.waitFor(`Update run ${run}: Completed.`);
    expect(s.view().progress!.join('\n')).toMatch(/pay-stg \(.*\): Skipped/);
    expect(runWrites(sim, writes)).toEqual([`PUT ${run}`, 'POST start', 'POST skip', 'POST start']);
    // The session journal and the run's own journal (which `fleet run start` reads) both have it.
    const intents = (await s.journalLines())
      .filter((l) => l['type'] === 'intent')
      .map((l) => l['action']);
    expect(intents).toEqual([
      'create and start update run',
      'skip member pay-stg',
      'start update run',
    ]);
    const runJournal = readFileSync(
      join(state, 'aks-runbook', 'fleet', `9d8c7b6a-rg-fleet-${FLEET}-${run}.jsonl`),
      'utf8',
    );
    expect(
      runJournal
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { kind: string; action?: string })
        .filter((l) => l.kind === 'intent')
        .map((l) => l.action),
    ).toEqual(['create', 'start', 'skip', 'start']);
    await s.host.stop();
  }, 60_000);

  it('read-only: plans and shows, offers no change, sends no write', async () => {
    const before = sim.log.writes().length;
    const s = await fleetSession(sim, tempDir('fleet-tui-'), { readOnly: true });
    await s.ui.press('p');
    await settled(s, (t) => t.includes('Planned;'), 'the plan');
    await s.ui.waitFor('Planned; nothing has started.');
    const keys = (s.view().actions ?? []).map((a) => a.key);
    expect(keys).toEqual(['t', 'v', 'i', 'p', 'r']);
    await s.ui.press('s', 'x', 'm');
    expect(s.ui.frame()).not.toContain('Confirm a change');
    expect(sim.log.writes().length).toBe(before);
    await s.host.stop();
  });

  it('dry run: the start is asked with the same typed dialog (a dry run), shown and journaled, not sent', async () => {
    const before = sim.log.writes().length;
    const s = await fleetSession(sim, tempDir('fleet-tui-'), { dryRun: true });
    await s.ui.press('p');
    await settled(s, (t) => t.includes('Planned;'), 'the plan');
    await s.ui.waitFor('Planned; nothing has started.');
    await s.ui.press('s');
    const asked = await s.ui.waitFor(`Type ${FLEET}`);
    expect(asked).toContain('Confirm a dry run');
    expect(asked).toContain('DRY RUN: nothing will change.');
    await s.ui.type(FLEET);
    await s.ui.press(ENTER);
    await settled(s, (t) => t.includes('Dry run: create and start'), 'the dry run');
    await s.ui.waitFor((f) => /Dry run: create and start update run \S+/.test(f));
    expect(s.view().result!.join(' ')).toMatch(/was shown, not sent/);
    expect(sim.log.writes().length).toBe(before);
    await s.host.stop();
  });
});

describe('fleet step on a cluster in no fleet', () => {
  it('looks, says skipped and stays out of the overview', async () => {
    const connection = await connect(
      {
        cloud: 'AzureCloud',
        demo: false,
        subscription: FLEET_SUBSCRIPTIONS.nonprod,
        resourceGroup: 'rg-dev-northeurope',
        name: 'aks-data-dev',
      },
      {
        env: {},
        mode: { readOnly: true, dryRun: false },
        credential: fixedTokenCredential(sim.arm.token),
        armEndpoint: sim.arm.endpoint,
        caCert: sim.caCert,
      },
    );
    const s = await hostFor(
      connection,
      { fleet: makeFleetStep(fleetPort({ XDG_STATE_HOME: tempDir('fleet-tui-') })) },
      { readOnly: true },
    );
    s.store.update({ connection: { phase: 'connected', cluster: connection.summary } });
    const ui = await renderInk(<App store={s.store} actions={{ onQuit: vi.fn() }} />, SIZE);
    await act(() => s.host.open('fleet'));
    expect(s.store.getState().steps.fleet).toEqual({
      kind: 'skipped',
      why: 'the cluster is in no fleet and its subscription has none',
    });
    expect(s.store.getState().stepViews.fleet?.summary?.[0]).toBe(
      'aks-data-dev is in no fleet; 0 fleets in its subscription.',
    );
    await ui.waitFor('Node images and OS patches');
    expect(ui.frame()).not.toContain('Fleet update runs');
  });
});

describe('fleet step after a restart', () => {
  it('offers to re-attach to the run an earlier session started, follows it sending nothing, and stops it on request', async () => {
    // A slower simulator, so the run is still running when the second session comes: the 5 min
    // wait after dev lasts 15 s, so x, the typed name and the stop fit in it even under load.
    const slow = await startSimulator({ scenario: 'fleet', speed: 20 });
    try {
      const state = tempDir('fleet-tui-');
      const first = await fleetSession(slow, state);
      await first.ui.press('t', 't'); // NodeImageOnly: every member, no version skew
      await first.ui.press('p');
      await settled(first, (t) => t.includes('Planned;'), 'the plan');
      await first.ui.waitFor('Planned; nothing has started.');
      await first.ui.press('s');
      await first.ui.waitFor(`Type ${FLEET}`);
      await first.ui.type(FLEET);
      await first.ui.press(ENTER);
      await settled(first, (t) => t.includes('stage dev: Running'), 'stage dev to run');
      const run = /Following update run (\S+)/.exec(first.view().progress!.join('\n'))![1]!;
      // The session ends (quit, or the terminal closed) while the run goes on in Azure.
      await first.host.stop();
      await first.ui.unmount();

      const second = await fleetSession(slow, state);
      const shown = second.ui.frame();
      expect(shown).toMatch(
        new RegExp(
          `Update run ${run} is Running \\(started by an earlier session, per its\\s+journal\\): a to follow it`,
        ),
      );
      expect(shown).toContain(`[a] Follow update run ${run}`);
      expect(shown).toMatch(/\[s\] .* not\s+available: update run \S+ is running/);
      await second.ui.press('a');
      await settled(second, (t) => /shop-dev .*: (Running|Completed)/.test(t), 'shop-dev');
      expect(second.view().progress![0]).toBe(`Following update run ${run} of fleet ${FLEET}`);
      // The wait after dev is counted down, as the last line while it lasts.
      await settled(
        second,
        (t) => /⏳ waiting after stage dev: \d+ min left/.test(t),
        'the countdown',
      );
      expect(runWrites(slow)).toEqual([`PUT ${run}`, 'POST start']);
      // x stops it, behind the fleet's name typed, while it is being followed.
      await second.ui.press('x');
      const frame = await second.ui.waitFor(`Type ${FLEET}`);
      expect(frame).toContain(`Change: stop update run ${run}`);
      await second.ui.type(FLEET);
      await second.ui.press(ENTER);
      await settled(second, (t) => t.includes(`Done: stop update run ${run}`), 'the stop');
      await settled(second, (t) => new RegExp(`Update run ${run}: Stopp`).test(t), 'Stopped');
      await second.host.stop();
      expect(runWrites(slow)).toEqual([`PUT ${run}`, 'POST start', 'POST stop']);
    } finally {
      await slow.close();
    }
  }, 60_000);
});

/** Update-strategy writes the simulator received, as `METHOD last-path-part`. */
function strategyWrites(on: Simulator, from = 0): string[] {
  return on.log
    .writes()
    .slice(from)
    .filter((e) => e.path.includes('/updateStrategies/'))
    .map((e) => `${e.method} ${e.path.split('/').pop()!}`);
}

describe('fleet step creates update strategies', () => {
  // Its own simulator: a created strategy would change what the runs above plan with.
  let own: Simulator;
  beforeAll(async () => {
    own = await startSimulator({ scenario: 'fleet', speed: 6000 });
  });
  afterAll(async () => {
    await own.close();
  });

  it('shows the stages with their members, refuses unknown groups, creates with the fleet name typed and plans with it', async () => {
    const writes = own.log.writes().length;
    const s = await fleetSession(own, tempDir('fleet-tui-'));
    expect(s.ui.frame()).toContain(`[c] Create an update strategy on fleet ${FLEET}`);
    // A group no member is in: shown and refused in the field, nothing asked.
    await s.ui.press('c');
    await s.ui.waitFor('strategy>');
    await s.ui.type('canary dev,nope');
    await s.ui.press(ENTER);
    let frame = await s.ui.waitFor("✖ group nope is no member's update group");
    expect(frame).not.toContain('Confirm a change');
    // Syntax: one line naming what was wrong.
    await s.ui.press(ESC);
    await s.ui.press('c');
    await s.ui.type('canary dev:colour=red');
    await s.ui.press(ENTER);
    await s.ui.waitFor('unknown key "colour"');
    await s.ui.press(ESC);
    expect(strategyWrites(own, writes)).toEqual([]);
    // A good one: each stage with the member clusters of its groups, then the typed question.
    await s.ui.press('c');
    await s.ui.type('canary dev:wait=1m,rest:groups=staging+prod-eu+prod-us');
    await s.ui.press(ENTER);
    frame = await s.ui.waitFor(`Type ${FLEET}`);
    expect(frame).toContain(`Cluster: fleet ${FLEET}`);
    expect(frame).toContain('Change: create update strategy canary: dev [dev] → rest');
    const shown = viewLines(s.view().plan!).join('\n');
    expect(shown).toContain('group dev: shop-dev (aks-shop-dev), pay-dev (aks-pay-dev)');
    expect(shown).toContain('then wait 1m');
    expect(shown).toMatch(/2\. stage rest: 3 groups in parallel/);
    await s.ui.type(FLEET);
    await s.ui.press(ENTER);
    await settled(s, (t) => t.includes('Done: update strategy canary created'), 'the create');
    await s.ui.waitFor('Done: update strategy canary created');
    expect(strategyWrites(own, writes)).toEqual(['PUT canary']);
    // Re-read: listed, chosen for the run; u goes back to the other one.
    await settled(s, (t) => t.includes('strategy canary: dev [dev] wait 1m'), 'the re-read');
    await s.ui.press('p');
    await settled(s, (t) => t.includes('Planned;'), 'the plan');
    const plan = viewLines(s.view().plan!).join('\n');
    expect(plan).toContain('strategy canary:');
    expect(plan).toMatch(/Stage rest\n(.*\n)*.*group prod-eu/);
    const offered = (s.view().actions ?? []).map((a) => `${a.key} ${a.label}`);
    expect(offered).toContain('u Update strategy of the run: canary');
    const intents = (await s.journalLines())
      .filter((l) => l['type'] === 'intent')
      .map((l) => l['action']);
    expect(intents).toEqual(['create update strategy']);
    expect(own.log.writes().length - writes).toBe(1);
    await s.host.stop();
  }, 60_000);

  it('read-only: c is not offered and sends nothing', async () => {
    const writes = own.log.writes().length;
    const s = await fleetSession(own, tempDir('fleet-tui-'), { readOnly: true });
    expect((s.view().actions ?? []).map((a) => a.key)).not.toContain('c');
    await s.ui.press('c');
    expect(s.ui.frame()).not.toContain('strategy>');
    expect(own.log.writes().length).toBe(writes);
    await s.host.stop();
  });

  it('dry run: the same question marked dry run, then nothing sent', async () => {
    const writes = own.log.writes().length;
    const s = await fleetSession(own, tempDir('fleet-tui-'), { dryRun: true });
    await s.ui.press('c');
    await s.ui.type('rehearsal dev,staging');
    await s.ui.press(ENTER);
    const frame = await s.ui.waitFor(`Type ${FLEET}`);
    expect(frame).toContain('Confirm a dry run');
    expect(frame).toContain('DRY RUN: nothing will change.');
    expect(frame).toContain('Change: (dry run) create update strategy rehearsal');
    await s.ui.type(FLEET);
    await s.ui.press(ENTER);
    await settled(s, (t) => t.includes('Dry run: create update strategy'), 'the dry run');
    expect(s.view().result!.join(' ')).toMatch(/was shown, not sent/);
    expect(own.log.writes().length).toBe(writes);
    await s.host.stop();
  });
});
