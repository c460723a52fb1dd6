// The upgrades step hosted on a started simulator as the TUI hosts it, with short retries and
// polls, the target 1.32.5 picked: what the operation-outcome tests share.
import { DEFAULT_KUBE_RETRY } from '../../src/kube/retry.js';
import { DEFAULT_BOUNDS } from '../../src/model/bounds.js';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { connectToSim } from '../helpers/sim-session.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Connects to `sim`, opens the upgrades step and picks 1.32.5; the caller stops and closes. */
export async function hostUpgrades(sim: Simulator, tag: string) {
  const connection = await connectToSim(sim, {
    bounds: { ...DEFAULT_BOUNDS, retryWaitMaxMs: 20 },
    kubeRetry: { ...DEFAULT_KUBE_RETRY, sleep: () => Promise.resolve() },
  });
  const mode = { readOnly: false, dryRun: false, demo: true };
  const store = new SessionStore(mode);
  const journal = await Journal.open({ cluster: sim.arm.name, mode, env: {}, dir: tempDir(tag) });
  const host = new StepHost({
    store,
    connection,
    journal,
    steps: { upgrades: makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 }) },
    operationFollowMs: 20,
  });
  await host.open('upgrades');
  await host.send('upgrades', { type: 'target', version: '1.32.5' });
  return { store, host, journal };
}
