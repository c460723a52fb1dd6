import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore, type SessionMode } from '../../src/runbook/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import type { StepId } from '../../src/runbook/checklist.js';
import type { StepFactory } from '../../src/steps/types.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { connect, type Connection } from '../../src/target/connect.js';
import { fixedTokenCredential } from '../../src/target/credential.js';

/** Connects to a running simulator the way the program does, over ARM with a local credential. */
export function connectToSim(sim: Simulator): Promise<Connection> {
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
      credential: fixedTokenCredential(sim.arm.token),
      armEndpoint: sim.arm.endpoint,
      caCert: sim.caCert,
    },
  );
}

/** A session around a connection: store, journal in a temporary folder, and a step host. */
export async function hostFor(
  connection: Connection,
  factories: Partial<Record<StepId, StepFactory>>,
  mode: Partial<SessionMode> = {},
) {
  const fullMode = { readOnly: false, dryRun: false, demo: true, ...mode };
  const store = new SessionStore(fullMode);
  const journal = await Journal.open({
    cluster: connection.summary.name,
    mode: fullMode,
    env: {},
    dir: mkdtempSync(join(tmpdir(), 'steps-')),
  });
  const host = new StepHost(store, connection, journal, factories);
  const close = async () => {
    await host.stop();
    await journal.close();
  };
  return { store, journal, host, close };
}

/** Waits until `check` holds, polling without fixed sleeps beyond a microtask turn. */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
