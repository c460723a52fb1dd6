// What a step makes of a look (its `seen`: rights it asks, previews) may await. Two races with it:
// a resume chosen while the look at connect was shown but its `seen` still ran read the state
// before `seen` made it (the drain step reported a cordoned node with a pod a budget holds as
// "drained", its previews not made yet: seen in a loaded run of drain-resume); and an older
// look's `seen` ending after a newer look's set its older facts over the newer ones. Each `seen`
// here waits for a gate released by hand, so the order is the test's, not the machine's.
import { describe, expect, it } from 'vitest';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import type { Connection } from '../../src/model/connection.js';
import { defineStep } from '../../src/steps/lifecycle/define.js';
import type { StepSession } from '../../src/steps/lifecycle/step-session.js';
import type { StepModules } from '../../src/steps/registry-types.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until } from '../helpers/until.js';

interface Facts {
  pods: number;
}
interface State {
  /** Made by `seen` from the facts it read: what a resume reports. */
  podsLeft: number | undefined;
}

/** The cluster, the gate the next `seen` waits on, and the step's session. */
interface World {
  pods: number;
  gate?: Promise<void>;
  seenWaiting: number;
  session?: StepSession<Facts, State>;
}

function podStep(world: World) {
  return defineStep<Facts, State>({
    id: 'drain',
    inspect: () =>
      Promise.resolve({
        facts: { pods: world.pods },
        summary: [`${world.pods} pods`],
        findings: [],
      }),
    initial: { podsLeft: undefined },
    seen: async (s) => {
      // As the drain step's: the facts first, then an await (its rights), then the state.
      const facts = s.facts!;
      const gate = world.gate;
      world.gate = undefined;
      world.seenWaiting++;
      await gate;
      world.seenWaiting--;
      s.set({ podsLeft: facts.pods });
    },
    follow: (s) => {
      world.session = s;
    },
    resume: (s) => {
      const left = s.state.podsLeft;
      s.ctx.show({ result: [left === undefined ? 'drained' : `${left} pods left`] });
      return Promise.resolve();
    },
  });
}

async function setup() {
  const mode = { readOnly: false, dryRun: false, demo: true };
  const store = new SessionStore(mode);
  const journal = await Journal.open({ cluster: 'aks-one', mode, env: {}, dir: tempDir('seen-') });
  const world: World = { pods: 1, seenWaiting: 0 };
  const connection = { summary: { name: 'aks-one' } } as Connection;
  // A hand-written step in the drain step's place (its state is its own).
  const host = new StepHost({
    store,
    connection,
    journal,
    steps: { drain: podStep(world) as unknown as StepModules['drain'] },
  });
  const gated = (): (() => void) => {
    let release = (): void => undefined;
    world.gate = new Promise<void>((resolve) => (release = resolve));
    return release;
  };
  return { store, journal, world, host, gated };
}

describe("a step's seen that awaits", () => {
  it('a resume chosen while the first look is still being made waits for it', async () => {
    const { store, journal, world, host, gated } = await setup();
    const release = gated();
    const first = host.open('drain');
    await until(() => world.seenWaiting === 1, 'the first look to be shown, its seen waiting');
    const resumed = host.resume('drain', []);
    // Once read, the resume had nothing of `seen` yet: "drained" with a pod left.
    release();
    await Promise.all([first, resumed]);
    expect(store.getState().stepViews.drain?.result).toEqual(['1 pods left']);
    await journal.close();
  });

  it("an older look's seen ending after a newer look was shown does not set its older facts", async () => {
    const { store, journal, world, host, gated } = await setup();
    await host.open('drain');
    const release = gated();
    const older = world.session!.look();
    await until(() => world.seenWaiting === 1, 'the older look to be shown, its seen waiting');
    world.pods = 0;
    const newer = world.session!.look();
    await until(() => store.getState().stepViews.drain?.summary?.[0] === '0 pods', 'newer shown');
    release();
    await Promise.all([older, newer]);
    expect(store.getState().stepStates.drain).toMatchObject({ podsLeft: 0 });
    await journal.close();
  });
});
