// Fleet Manager's update states are ARM enum values, matched in any case: a run, stage, member or
// wait Azure reports as `failed`, `COMPLETED` or `running` is read as the state it names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChanges } from '../../src/fleet/run-view.js';
import { isFinalRunState, isRunState, type RunView } from '../../src/model/fleet-run.js';
import { renderRun } from '../../src/report/render-update-run.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { endOf } from '../../src/steps/fleet/follow.js';
import { failedMembers } from '../../src/steps/fleet/lines.js';
import type { UpdateState } from '../../src/sim/fleet/state.js';
import { fleetHarness } from './fleet-harness.js';

let sim: Simulator;
let h: ReturnType<typeof fleetHarness>;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
  h = fleetHarness(sim);
});
afterAll(async () => {
  await sim.close();
});

/** Follows `run` with a bound: a follow that does not see the run's end is cut off (exit 130). */
async function showFollowing(run: string) {
  const bound = new AbortController();
  const timer = setTimeout(() => bound.abort(), 3000);
  try {
    return await h.run(['run', 'show', '-n', run, '--follow'], { signal: bound.signal });
  } finally {
    clearTimeout(timer);
  }
}

describe('fleet run: update states in any case', () => {
  it('ends following a run reported failed (lower case) and names its failed member', async () => {
    const first = await h.run([
      'run',
      'start',
      '-n',
      'cased',
      '--kubernetes-version',
      '1.31.8',
      '--confirm',
      'fleet-contoso',
    ]);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/update run cased: Failed/);
    // Azure spells the same states in other cases.
    const run = sim.fleets[0]!.runs.get('cased')!;
    const as = (s: string) => s as UpdateState;
    run.status.state = as('failed');
    for (const stage of run.stages)
      for (const group of stage.groups)
        for (const m of group.members)
          m.status.state = as(
            m.status.state === 'Failed' ? 'FAILED' : m.status.state.toLowerCase(),
          );
    const shown = await showFollowing('cased');
    expect(shown.code).toBe(1);
    expect(shown.out).toMatch(/Update run cased of fleet fleet-contoso: failed/);
    expect(shown.out).toMatch(/Failed: pay-stg\. Fix the cause/);
    expect(shown.out).not.toMatch(/Stopped following/);

    run.status.state = as('COMPLETED');
    const done = await showFollowing('cased');
    expect(done.code).toBe(0);
    expect(done.out).not.toMatch(/Stopped following/);
  }, 60_000);
});

/** A run of one stage, one group, one member, with a wait after the stage. */
function view(run: string, member: string, wait: string): RunView {
  return {
    name: 'r',
    fleet: 'f',
    state: run,
    change: 'node images (Latest)',
    stages: [
      {
        name: 'dev',
        state: run,
        groups: [
          { name: 'g', state: run, members: [{ name: 'm', cluster: 'rg/aks', state: member }] },
        ],
        wait: { seconds: 300, state: wait, startedAt: 0 },
      },
    ],
  };
}

describe('update states in any case, from hand-written views', () => {
  it('matches a state whatever its case, and only that state', () => {
    expect(isRunState('running', 'Running', 'Stopping')).toBe(true);
    expect(isRunState(' STOPPING ', 'Running', 'Stopping')).toBe(true);
    expect(isRunState('NotStarted', 'Running', 'Stopping')).toBe(false);
    expect(isRunState(undefined, 'Running')).toBe(false);
    expect(['completed', 'FAILED', 'stopped', 'Skipped'].map(isFinalRunState)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['running', 'Stopping', 'NotStarted', 'Pending', 'SUCCEEDED'].map(isFinalRunState),
    ).toEqual([false, false, false, false, false]);
  });

  it('sees no change where only the case of a state changed', () => {
    expect(
      runChanges(
        view('Running', 'Running', 'NotStarted'),
        view('running', 'RUNNING', 'notstarted'),
      ),
    ).toEqual([]);
    expect(
      runChanges(
        view('Running', 'Running', 'NotStarted'),
        view('running', 'completed', 'notstarted'),
      ),
    ).toEqual(['stage dev > group g > m (rg/aks): completed']);
  });

  it('counts a wait down that Azure reports running, in any case', () => {
    expect(renderRun(view('Running', 'Completed', 'running'), 60_000)).toMatch(
      /wait 5m after dev: running, 4m left/,
    );
  });

  it('the fleet step names a member reported failed and offers no re-attach to a finished run', () => {
    expect(failedMembers(view('failed', 'FAILED', 'NotStarted'))).toEqual([
      { stage: 'dev', group: 'g', member: 'm' },
    ]);
    expect(endOf(view('completed', 'completed', 'completed'), 'r').result).toEqual([
      'Update run r: completed.',
    ]);
  });
});
