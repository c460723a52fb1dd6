// A connected session on a simulated cluster for step end-to-end tests: real clients through
// connect(), the real StepHost and SessionStore, a journal in a temporary directory.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore, type SessionMode } from '../../src/runbook/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import type { Simulator } from '../../src/sim/simulator.js';
import type { StepFactory } from '../../src/steps/types.js';
import type { StepId } from '../../src/runbook/checklist.js';
import { connect } from '../../src/target/connect.js';
import { fixedTokenCredential } from '../../src/target/credential.js';

/** One session of one step against `sim`, in the given mode. */
export async function stepSession(
  sim: Simulator,
  id: StepId,
  factory: StepFactory,
  mode: Partial<SessionMode> = {},
) {
  const fullMode: SessionMode = { readOnly: false, dryRun: false, demo: false, ...mode };
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
  const store = new SessionStore(fullMode);
  const journal = await Journal.open({
    cluster: connection.summary.name,
    mode: fullMode,
    env: {},
    dir: mkdtempSync(join(tmpdir(), 'journal-')),
  });
  const host = new StepHost(store, connection, journal, { [id]: factory });
  const view = () => store.getState().stepViews[id] ?? {};
  const journalLines = async () => {
    await journal.close();
    return readFileSync(journal.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  return { connection, store, journal, host, view, journalLines };
}

/** Waits (polling the event loop, with a deadline) until `check` holds. */
export async function until(check: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise<void>((resolve) => setTimeout(resolve, 2));
  }
}
