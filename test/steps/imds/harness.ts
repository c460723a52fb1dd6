// Drives the imds step as the TUI does: a real connection to the simulator, the StepHost, the store.
import { listAllNetworkPolicies } from '../../../src/kube/network-policies.js';
import type { Journal } from '../../../src/runbook/journal.js';
import type { SessionStore } from '../../../src/runbook/session.js';
import type { SessionMode } from '../../../src/model/session.js';
import type { StepHost } from '../../../src/runbook/step-host.js';
import type { FaultSpec } from '../../../src/sim/faults.js';
import type { Bounds } from '../../../src/model/bounds.js';
import { startSimulator, type Simulator } from '../../../src/sim/simulator.js';
import { imdsStep } from '../../../src/steps/imds/index.js';
import type { ImdsState } from '../../../src/steps/imds/state.js';
import type { Connection } from '../../../src/model/connection.js';
import { connectToSim, hostFor, until as waitUntil, wireMode } from '../../helpers/sim-session.js';

/** A simulator and a connected session running only the imds step. */
export interface ImdsSession {
  sim: Simulator;
  connection: Connection;
  store: SessionStore;
  host: StepHost;
  journal: Journal;
  state(): ImdsState;
  /** Waits (with a deadline) until the store satisfies `check`. */
  until(check: () => boolean, what: string): Promise<void>;
  policies(): Promise<string[]>;
  journalTypes(): string[];
  journalLines(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Starts `scenario` and opens a session on it in `mode` (`bounds` shortens the time limits). */
export async function imdsSession(
  scenario: string,
  mode: Partial<SessionMode> = {},
  faults: FaultSpec = {},
  bounds?: Bounds,
): Promise<ImdsSession> {
  const sim = await startSimulator({ scenario, speed: 600, faults });
  const connection = await connectToSim(sim, {
    mode: wireMode(mode),
    ...(bounds ? { bounds } : {}),
  });
  const session = await hostFor(connection, { imds: imdsStep }, mode);
  const { store, host, journal } = session;
  const until = (check: () => boolean, what: string) =>
    waitUntil(check, what, 10_000).then(() => undefined);
  return {
    sim,
    connection,
    store,
    host,
    journal,
    state: () => store.getState().stepStates.imds as ImdsState,
    until,
    policies: async () =>
      (await listAllNetworkPolicies(connection.kc))
        .map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`)
        .sort(),
    journalTypes: () => session.journalLines().map((l) => String(l['type'])),
    journalLines: () => session.journalLines(),
    close: async () => {
      await session.close();
      await sim.close();
    },
  };
}
