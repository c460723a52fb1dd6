// Drives the imds step as the TUI does: a real connection to the simulator, the StepHost, the store.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listAllNetworkPolicies } from '../../../src/kube/network-policies.js';
import { Journal } from '../../../src/runbook/journal.js';
import { SessionStore, type SessionMode } from '../../../src/runbook/session.js';
import { StepHost } from '../../../src/runbook/step-host.js';
import { startSimulator, type Simulator } from '../../../src/sim/simulator.js';
import { imdsStep } from '../../../src/steps/imds/index.js';
import type { ImdsState } from '../../../src/steps/imds/state.js';
import { connect, type Connection } from '../../../src/target/connect.js';
import { fixedTokenCredential } from '../../../src/target/credential.js';

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
  close(): Promise<void>;
}

/** Starts `scenario` and opens a session on it in `mode`. */
export async function imdsSession(
  scenario: string,
  mode: Partial<SessionMode> = {},
): Promise<ImdsSession> {
  const sim = await startSimulator({ scenario, speed: 600 });
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
    cluster: connection.summary.name,
    mode: fullMode,
    env: {},
    dir: mkdtempSync(join(tmpdir(), 'imds-')),
  });
  const host = new StepHost(store, connection, journal, { imds: imdsStep.controller });
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
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
    journalTypes: () =>
      readFileSync(journal.path, 'utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { type: string; action?: string }).type),
    close: async () => {
      await host.stop();
      await journal.close();
      await sim.close();
    },
  };
}
