// A connected session on a simulated cluster for step end-to-end tests: real clients through
// connect(), the real StepHost and SessionStore, a journal in a temporary directory.
import type { SessionMode } from '../../src/model/session.js';
import type { Simulator } from '../../src/sim/simulator.js';
import type { StepModules } from '../../src/steps/registry-types.js';
import type { StepView } from '../../src/steps/contract/view.js';
import type { StepId } from '../../src/model/checklist.js';
import { connectToSim, hostFor, wireMode } from '../helpers/sim-session.js';

/** One session of one step against `sim`, in the given mode. */
export async function stepSession<K extends StepId>(
  sim: Simulator,
  id: K,
  step: StepModules[K],
  mode: Partial<SessionMode> = {},
) {
  const connection = await connectToSim(sim, { mode: wireMode(mode) });
  const session = await hostFor(connection, { [id]: step }, { demo: false, ...mode });
  const { store, journal, host } = session;
  const view = (): StepView => store.getState().stepViews[id] ?? {};
  const journalLines = async () => {
    await journal.close();
    return session.journalLines();
  };
  return { connection, store, journal, host, view, journalLines };
}

export { until } from '../helpers/sim-session.js';
