// A connected session on a simulated cluster for step end-to-end tests: real clients through
// connect(), the real StepHost and SessionStore, a journal in a temporary directory.
import type { SessionMode } from '../../src/model/session.js';
import type { Simulator } from '../../src/sim/simulator.js';
import type { StepFactory } from '../../src/steps/contract/module.js';
import type { StepId } from '../../src/model/checklist.js';
import { connectToSim, hostFor, wireMode } from '../helpers/sim-session.js';

/** One session of one step against `sim`, in the given mode. */
export async function stepSession(
  sim: Simulator,
  id: StepId,
  factory: StepFactory,
  mode: Partial<SessionMode> = {},
) {
  const connection = await connectToSim(sim, { mode: wireMode(mode) });
  const session = await hostFor(connection, { [id]: factory }, { demo: false, ...mode });
  const { store, journal, host } = session;
  const view = () => store.getState().stepViews[id] ?? {};
  const journalLines = async () => {
    await journal.close();
    return session.journalLines();
  };
  return { connection, store, journal, host, view, journalLines };
}

export { until } from '../helpers/sim-session.js';
