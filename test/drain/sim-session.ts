// A connected session against the simulator for the drain tests: real clients, local token,
// journal in a temporary folder, and the drain step behind a StepHost.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore, type SessionMode } from '../../src/runbook/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { connect, type Connection } from '../../src/target/connect.js';
import { fixedTokenCredential } from '../../src/target/credential.js';

/** Starts a simulator (fast clock) and connects to it the way the product does. */
export async function simConnection(
  scenario: string,
  speed = 600,
): Promise<{ sim: Simulator; connection: Connection }> {
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
  return { sim, connection };
}

/** A journal in a fresh temporary folder. */
export function tempJournal(cluster: string, mode: SessionMode): Promise<Journal> {
  return Journal.open({ cluster, mode, env: {}, dir: mkdtempSync(join(tmpdir(), 'drain-')) });
}

/** The journal's records, parsed. */
export function journalRecords(journal: Journal): Array<Record<string, unknown>> {
  return readFileSync(journal.path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Waits (polling, with a deadline) until `check` holds. */
export async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export { SessionStore, StepHost };
