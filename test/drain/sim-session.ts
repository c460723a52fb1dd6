// A connected session against the simulator for the drain tests: real clients, local token,
// journal in a temporary folder, and the drain step behind a StepHost.
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { type SessionMode } from '../../src/model/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import type { Connection } from '../../src/model/connection.js';
import type { FaultSpec } from '../../src/sim/faults.js';
import type { Bounds } from '../../src/model/bounds.js';
import { connectToSim, journalRecords as recordsOf, wireMode } from '../helpers/sim-session.js';
import { onCleanup } from '../helpers/cleanup.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Starts a simulator (fast clock, optional faults) and connects to it the way the product does;
 * `bounds` shortens the time limits (e.g. a request's, for a write left unanswered).
 */
export async function simConnection(
  scenario: string,
  speed = 600,
  mode: Partial<SessionMode> = {},
  faults?: FaultSpec,
  bounds?: Bounds,
): Promise<{ sim: Simulator; connection: Connection }> {
  const sim = await startSimulator({ scenario, speed, ...(faults ? { faults } : {}) });
  const more = { mode: wireMode(mode), ...(bounds ? { bounds } : {}) };
  return { sim, connection: await connectToSim(sim, more) };
}

/** A journal in a fresh temporary folder, closed when the test ends. */
export async function tempJournal(cluster: string, mode: SessionMode): Promise<Journal> {
  const journal = await Journal.open({ cluster, mode, env: {}, dir: tempDir('drain-') });
  onCleanup(() => journal.close());
  return journal;
}

/** The journal's records, parsed. */
export function journalRecords(journal: Journal): Array<Record<string, unknown>> {
  return recordsOf(journal.path);
}

export { until } from '../helpers/sim-session.js';
export { SessionStore, StepHost };
