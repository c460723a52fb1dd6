// ARM's async-operation status endpoint answered 200 with a body that has no `status` (a proxy, a
// truncated answer): ARM's contract is that the status resource always carries `status`
// (InProgress / Succeeded / Failed / Canceled), and only a terminal one ends the operation
// (https://learn.microsoft.com/azure/azure-resource-manager/management/async-operations,
// "Azure-AsyncOperation request and response"). An answer without it says nothing of the
// upgrade: it must not be reported (or journaled) as succeeded while AKS is still upgrading.
import { afterEach, describe, expect, it } from 'vitest';
import type { Journal } from '../../src/runbook/journal.js';
import type { StepHost } from '../../src/runbook/step-host.js';
import type { Interceptor } from '../../src/sim/server.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { journalRecords, until } from '../helpers/sim-session.js';
import { hostUpgrades } from './upgrades-host.js';

let sim: Simulator | undefined;
let host: StepHost | undefined;
let journal: Journal | undefined;
afterEach(async () => {
  await host?.stop();
  await journal?.close();
  await sim?.close();
  sim = host = journal = undefined;
});

describe('an operation status answered 200 without a status', () => {
  it('is not taken as the upgrade having succeeded', async () => {
    sim = await startSimulator({ scenario: 'minimal', speed: 1 });
    const s = sim;
    const https = (s as unknown as { https: { interceptors: Interceptor[] } }).https;
    https.interceptors.unshift((q, api) =>
      api === 'arm' && q.method === 'GET' && q.path.includes('/operationStatus/')
        ? { status: 200, body: {} }
        : undefined,
    );
    const hosted = await hostUpgrades(s, 'nostat-');
    ({ host, journal } = hosted);
    const { store } = hosted;
    const sent = host.send('upgrades', { type: 'action', key: 'c' });
    await until(() => store.getState().confirmation, 'the confirmation');
    store.answer(true);
    await sent;
    const text = (store.getState().stepViews.upgrades?.result ?? []).join('\n');
    // At speed 1 the simulated upgrade takes minutes: AKS is still at work.
    expect(s.aks.state.provisioningState).toBe('Upgrading');
    const results = journalRecords(journal.path).filter((r) => r['type'] === 'result');
    // Today: "✔ Control-plane upgrade to 1.32.5 succeeded. Took 0 s", journaled ok.
    expect(text).not.toMatch(/✔|upgrade to 1\.32\.5 succeeded/i);
    expect(text).toMatch(/outcome is unknown/);
    expect(results.map((r) => r['outcome'])).not.toContain('ok');
  }, 60_000);
});
