// Quitting while the control-plane upgrade's PUT still waits for ARM's answer: nothing was heard,
// so whether Azure accepted it is unknown. The journal (and the next session's resume offer, read
// from it) must not say that "the operation continues in Azure", which only ARM's 201/202 (an
// Azure-AsyncOperation to follow) could tell; the Defender PUT says exactly this case right
// ("this session stopped before Azure answered, so Azure may or may not have accepted the
// request", src/azure/put-cluster.ts). ARM async operations:
// https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations
// The stop also ends the PUT at once instead of waiting out the request time limit (30 s), which a
// service manager's SIGTERM grace period (often 10-30 s) would cut short.
import { afterEach, describe, expect, it } from 'vitest';
import type { Journal } from '../../src/runbook/journal.js';
import type { StepHost } from '../../src/runbook/step-host.js';
import { startSimulator, type HeldRequest, type Simulator } from '../../src/sim/simulator.js';
import { journalRecords, until } from '../helpers/sim-session.js';
import { hostUpgrades } from './upgrades-host.js';

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
  it('stops at once and journals that no answer came, not that the operation continues in Azure', async () => {
    sim = await startSimulator({ scenario: 'minimal', speed: 600 });
    const s = sim;
    const hosted = await hostUpgrades(s, 'quit-');
    ({ host, journal } = hosted);
    const { store } = hosted;
    held = s.hold((method, path) => method === 'PUT' && path.includes('/managedClusters/'));
    const sent = host.send('upgrades', { type: 'action', key: 'c' });
    await until(() => store.getState().confirmation, 'the confirmation');
    store.answer(true);
    await held.reached;
    const started = Date.now();
    await host.stop();
    await sent;
    expect(Date.now() - started).toBeLessThan(5_000);
    // ARM never processed it.
    held.drop();
    held = undefined;
    expect(s.aks.state.provisioningState).toBe('Succeeded');
    const result = journalRecords(journal.path).find((r) => r['type'] === 'result');
    expect(result).toMatchObject({ outcome: 'unknown' });
    expect(String(result!['error'])).not.toMatch(/continues in Azure/);
    expect(String(result!['error'])).toMatch(/Azure may or may not have accepted it/);
  }, 60_000);
});
