// Shared by the step end-to-end tests: the simulator, a real connection, a session store and a
// step host running one step's controller.
import type { StepId } from '../../src/model/checklist.js';
import type { SessionMode } from '../../src/model/session.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import type { StepModules } from '../../src/steps/registry-types.js';
import type { Connection } from '../../src/model/connection.js';
import { connectToSim, hostFor, wireMode, type HostedSession } from '../helpers/sim-session.js';

export { until } from '../helpers/sim-session.js';

/** A simulator, a connection to it, and a host running one step. */
export interface StepRig extends HostedSession {
  sim: Simulator;
  connection: Connection;
}

/** Starts `scenario` at `speed`, connects over ARM, and hosts `step` as step `id`. */
export async function rig<K extends StepId>(
  scenario: string,
  speed: number,
  id: K,
  step: StepModules[K],
  mode: Partial<SessionMode> = {},
): Promise<StepRig> {
  const sim = await startSimulator({ scenario, speed });
  const connection = await connectToSim(sim, { mode: wireMode(mode) });
  const session = await hostFor(connection, { [id]: step }, mode);
  return {
    sim,
    connection,
    ...session,
    close: async () => {
      await session.close();
      await sim.close();
    },
  };
}
