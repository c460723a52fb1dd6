// The one way step tests reach the simulator: connect() with a local credential (never the Azure
// sign-in chain), then a session around it: store, journal in a temporary folder, and a step host.
import { readFileSync } from 'node:fs';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { type SessionMode } from '../../src/model/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import type { Simulator } from '../../src/sim/simulator.js';
import type { StepModules } from '../../src/steps/registry-types.js';
import { connect, type ConnectDeps } from '../../src/target/connect.js';
import { type Connection } from '../../src/model/connection.js';
import { fixedTokenCredential } from '../../src/target/credential.js';
import { onCleanup } from './cleanup.js';
import { tempDir } from './temp-dir.js';

/** Connects to a running simulator the way the program does: over ARM, with a local credential. */
export function connectToSim(sim: Simulator, more: Partial<ConnectDeps> = {}): Promise<Connection> {
  return connect(
    {
      cloud: 'AzureCloud',
      demo: false,
      subscription: sim.arm.subscriptionId,
      resourceGroup: sim.arm.resourceGroup,
      name: sim.arm.name,
    },
    {
      env: {},
      // The session's mode, enforced at the wire: a test of --read-only or --dry-run passes it.
      mode: { readOnly: false, dryRun: false },
      credential: fixedTokenCredential(sim.arm.token),
      armEndpoint: sim.arm.endpoint,
      caCert: sim.caCert,
      graphEndpoint: sim.arm.endpoint,
      ...more,
    },
  );
}

/** The part of a session's mode the wire enforces (the connection must be made with it). */
export function wireMode(mode: Partial<SessionMode> = {}): { readOnly: boolean; dryRun: boolean } {
  return { readOnly: mode.readOnly ?? false, dryRun: mode.dryRun ?? false };
}

/** A session around a connection: what the TUI builds after connecting. */
export interface HostedSession {
  store: SessionStore;
  journal: Journal;
  host: StepHost;
  /** The journal's records so far, parsed. */
  journalLines: () => Array<Record<string, unknown>>;
  /** Stops running work and closes the journal. */
  close: () => Promise<void>;
}

/** Opens a store, a journal in a temporary folder and a host running `steps`; all closed when the test ends. */
export async function hostFor(
  connection: Connection,
  steps: Partial<StepModules>,
  mode: Partial<SessionMode> = {},
): Promise<HostedSession> {
  const fullMode = { readOnly: false, dryRun: false, demo: true, ...mode };
  const store = new SessionStore(fullMode);
  const journal = await Journal.open({
    cluster: connection.summary.name,
    mode: fullMode,
    env: {},
    dir: tempDir('session-'),
  });
  const host = new StepHost({ store, connection, journal, steps });
  const close = async (): Promise<void> => {
    await host.stop();
    await journal.close();
  };
  // Closed at the end of the test even when the test does not close it (closing twice is fine).
  onCleanup(close);
  return { store, journal, host, journalLines: () => journalRecords(journal.path), close };
}

/** A journal file's whole records, parsed (a record still being appended is not one yet). */
export function journalRecords(path: string): Array<Record<string, unknown>> {
  const text = readFileSync(path, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export { until } from './until.js';

/** A Log Analytics workspace in the demo scenario's subscription: what Defender is enabled with. */
export const DEMO_WORKSPACE =
  '/subscriptions/3f2b9c1e-7d4a-4e8b-a1c6-5d9e0f1a2b3c/resourceGroups/rg-monitoring/providers/Microsoft.OperationalInsights/workspaces/law-shop';
