// The drain step behind a StepHost, against a simulator, as the app runs it.
import type { SessionMode } from '../../src/model/session.js';
import { makeDrainStep } from '../../src/steps/drain/index.js';
import type { DrainState } from '../../src/steps/drain/state.js';
import type { StepEvents } from '../../src/steps/registry-types.js';
import type { StepView } from '../../src/steps/contract/view.js';
import type { DrainTimings } from '../../src/steps/drain/run/run-drain.js';
import type { FaultSpec } from '../../src/sim/faults.js';
import type { Bounds } from '../../src/model/bounds.js';
import type { WatchTiming } from '../../src/kube/watch-list.js';
import { SessionStore, StepHost, simConnection, tempJournal, until } from './sim-session.js';

/** kubectl's rhythm, shortened for tests (the simulated clock runs fast too). */
export const FAST: DrainTimings = { retryMs: 20, pollMs: 10, concurrency: 10 };

/** A connected session with the drain step, and helpers to drive it. */
export async function drainRig(
  scenario: string,
  mode: Partial<SessionMode> = {},
  speed = 600,
  timings: DrainTimings = FAST,
  faults?: FaultSpec,
  bounds?: Bounds,
  watchTiming?: Partial<WatchTiming>,
) {
  const fullMode: SessionMode = { readOnly: false, dryRun: false, demo: true, ...mode };
  const { sim, connection } = await simConnection(scenario, speed, fullMode, faults, bounds);
  const store = new SessionStore(fullMode);
  const journal = await tempJournal(connection.summary.name, fullMode);
  const host = new StepHost({
    store,
    connection,
    journal,
    steps: { drain: makeDrainStep(timings) },
    ...(watchTiming ? { watchTiming } : {}),
  });
  const state = (): DrainState => store.getState().stepStates.drain!;
  const view = (): StepView => store.getState().stepViews.drain ?? {};
  return {
    sim,
    connection,
    store,
    journal,
    host,
    state,
    view,
    /** Sends an event that asks for confirmation, checks the question, answers it. */
    async confirmed(event: StepEvents['drain'], answer = true) {
      const sent = host.send('drain', event);
      await until(() => store.getState().confirmation !== undefined, 'a confirmation');
      const asked = store.getState().confirmation!;
      store.answer(answer);
      await sent;
      return asked;
    },
    async close() {
      await host.stop();
      await journal.close();
      await sim.close();
    },
  };
}

/** The name of the node where a pod named `pod` runs. */
export function nodeOf(sim: Awaited<ReturnType<typeof drainRig>>['sim'], pod: string): string {
  const node = sim.kube
    .listNodes()
    .find((n) => sim.kube.podsOnNode(n.metadata.name).some((p) => p.metadata.name.startsWith(pod)));
  if (!node) throw new Error(`no node runs ${pod}`);
  return node.metadata.name;
}
