// Shared by the step end-to-end tests: the simulator, a real connection, a session store and a
// step host running one step's controller, plus a bounded wait.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore, type SessionMode } from '../../src/runbook/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import type { StepId } from '../../src/runbook/checklist.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import type { StepFactory } from '../../src/steps/types.js';
import { connect, type Connection } from '../../src/target/connect.js';
import { fixedTokenCredential } from '../../src/target/credential.js';

/** A simulator, a connection to it, and a host running one step. */
export interface StepRig {
  sim: Simulator;
  connection: Connection;
  store: SessionStore;
  journal: Journal;
  host: StepHost;
  /** The journal's lines so far, parsed. */
  journalLines(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Starts `scenario` at `speed`, connects over ARM, and hosts `factory` as step `id`. */
export async function rig(
  scenario: string,
  speed: number,
  id: StepId,
  factory: StepFactory,
  mode: Partial<SessionMode> = {},
): Promise<StepRig> {
  const sim = await startSimulator({ scenario, speed });
  const connection = await connect(
    {
      cloud: 'AzureCloud',
      demo: false,
      subscription: sim.arm.subscriptionId,
      resourceGroup: sim.arm.resourceGroup,
      name: sim.arm.name,
    },
    {
      env: {},
      credential: fixedTokenCredential(sim.arm.token),
      armEndpoint: sim.arm.endpoint,
      caCert: sim.caCert,
    },
  );
  const fullMode = { readOnly: false, dryRun: false, demo: true, ...mode };
  const store = new SessionStore(fullMode);
  const journal = await Journal.open({
    cluster: sim.arm.name,
    mode: fullMode,
    env: {},
    dir: mkdtempSync(join(tmpdir(), 'step-')),
  });
  const host = new StepHost(store, connection, journal, { [id]: factory });
  return {
    sim,
    connection,
    store,
    journal,
    host,
    journalLines: () =>
      readFileSync(journal.path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    close: async () => {
      await host.stop();
      await journal.close();
      await sim.close();
    },
  };
}

/** Polls `check` until it holds, or fails after `ms` with `what`. */
export async function until<T>(
  check: () => T | undefined | false,
  what: string,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
