// Quitting (q, SIGTERM: "running work is stopped", README "Exit codes") while the control-plane
// upgrade's PUT waits for ARM's answer: the stop waits out the whole request time limit
// (AKS_RUNBOOK_REQUEST_TIMEOUT, 30 s) because the PUT is sent without the step's abort signal
// (src/azure/upgrade-ops.ts putCluster passes none; the Defender PUT in put-cluster.ts does). A
// service manager's SIGTERM grace period (often 10-30 s) then kills the process mid-stop.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_KUBE_RETRY } from '../../src/kube/retry.js';
import { DEFAULT_BOUNDS } from '../../src/model/bounds.js';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import { startSimulator, type HeldRequest, type Simulator } from '../../src/sim/simulator.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { connectToSim, until } from '../helpers/sim-session.js';
import { tempDir } from '../helpers/temp-dir.js';

let sim: Simulator | undefined;
let host: StepHost | undefined;
let journal: Journal | undefined;
let held: HeldRequest | undefined;
afterEach(async () => {
  held?.drop();
  await host?.stop();
  await journal?.close();
  await sim?.close();
  sim = host = journal = held = undefined;
});

describe('quitting while the upgrade PUT waits for its answer', () => {
  it('stops within a few seconds, not after the request time limit', async () => {
    sim = await startSimulator({ scenario: 'minimal', speed: 600 });
    const s = sim;
    const connection = await connectToSim(s, {
      bounds: { ...DEFAULT_BOUNDS, retryWaitMaxMs: 20 },
      kubeRetry: { ...DEFAULT_KUBE_RETRY, sleep: () => Promise.resolve() },
    });
    const mode = { readOnly: false, dryRun: false, demo: true };
    const store = new SessionStore(mode);
    journal = await Journal.open({ cluster: s.arm.name, mode, env: {}, dir: tempDir('quit-') });
    host = new StepHost({
      store,
      connection,
      journal,
      steps: { upgrades: makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 }) },
      operationFollowMs: 20,
    });
    await host.open('upgrades');
    await host.send('upgrades', { type: 'target', version: '1.32.5' });
    held = s.hold((method, path) => method === 'PUT' && path.includes('/managedClusters/'));
    const sent = host.send('upgrades', { type: 'action', key: 'c' });
    await until(() => store.getState().confirmation, 'the confirmation');
    store.answer(true);
    await held.reached;
    const started = Date.now();
    await host.stop();
    await sent;
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 60_000);
});
