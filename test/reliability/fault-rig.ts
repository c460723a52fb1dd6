// A simulator with faults switched on, a real connection to it (reads retried with a recording
// sleep so tests do not wait), a journal, and a StepHost running chosen steps.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { DEFAULT_KUBE_RETRY, type KubeRetryPolicy } from '../../src/kube/retry.js';
import type { StepId } from '../../src/model/checklist.js';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { type SessionMode } from '../../src/model/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import type { FaultSpec } from '../../src/sim/faults.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import type { StepEvents, StepModules } from '../../src/steps/registry-types.js';
import type { Connection } from '../../src/model/connection.js';
import { connectToSim, until as waitUntil } from '../helpers/sim-session.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Connects to `sim` over ARM; `sleeps` records each backoff the Kubernetes reads took. */
export async function connectTo(
  sim: Simulator,
  retry: Partial<KubeRetryPolicy> = {},
): Promise<{ connection: Connection; sleeps: number[] }> {
  const sleeps: number[] = [];
  const connection = await connectToSim(sim, {
    kubeRetry: {
      ...DEFAULT_KUBE_RETRY,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      ...retry,
    },
  });
  return { connection, sleeps };
}

/** A session on a faulty simulator with the given step controllers. */
export interface FaultRig {
  sim: Simulator;
  connection: Connection;
  store: SessionStore;
  journal: Journal;
  host: StepHost;
  journalLines(): Array<Record<string, unknown>>;
  /** Sends `event` to `step`, waits for the confirmation it opens, answers it. */
  confirmed<K extends StepId>(step: K, event: StepEvents[K], answer?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Starts `scenario` with `faults` and hosts `steps` behind a StepHost. */
export async function faultRig(
  scenario: string,
  faults: FaultSpec,
  steps: Partial<StepModules>,
  mode: Partial<SessionMode> = {},
  speed = 600,
): Promise<FaultRig> {
  const sim = await startSimulator({ scenario, speed, faults });
  const { connection } = await connectTo(sim);
  const full: SessionMode = { readOnly: false, dryRun: false, demo: true, ...mode };
  const store = new SessionStore(full);
  const journal = await Journal.open({
    cluster: sim.arm.name,
    mode: full,
    env: {},
    dir: tempDir('rel-fault-'),
  });
  const host = new StepHost({ store, connection, journal, steps });
  const journalLines = (): Array<Record<string, unknown>> =>
    readFileSync(journal.path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    sim,
    connection,
    store,
    journal,
    host,
    journalLines,
    async confirmed(step, event, answer = true) {
      const sent = host.send(step, event);
      await until(() => store.getState().confirmation, 'a confirmation');
      store.answer(answer);
      await sent;
    },
    async close() {
      await host.stop();
      await journal.close();
      await sim.close();
    },
  };
}

/** Every intent in the journal has its result line, after it. */
export function expectJournalComplete(lines: Array<Record<string, unknown>>): void {
  const intents = lines.filter((l) => l['type'] === 'intent');
  for (const intent of intents) {
    const at = lines.indexOf(intent);
    const result = lines.findIndex((l) => l['type'] === 'result' && l['id'] === intent['id']);
    expect(result, `result of intent ${JSON.stringify(intent)}`).toBeGreaterThan(at);
  }
}

/** Polls `check` until it gives a value, or fails after `ms` naming `what` (30 s by default). */
export function until<T>(
  check: () => T | undefined | false,
  what: string,
  ms = 30_000,
): Promise<T> {
  return waitUntil(check, what, ms);
}
