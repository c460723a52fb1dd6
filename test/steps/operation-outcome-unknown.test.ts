// An upgrade Azure accepted, whose answer then never came (ARM closed, or its status endpoint
// resetting every connection): the operator reads that it was sent, that its outcome is unknown,
// and the command that tells; never "failed", never "AKS said: connect ECONNREFUSED …". The
// journal records the outcome as unknown, and the shared board agrees (and, once ARM answers
// again, takes ARM's word).
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../src/runbook/journal.js';
import { SessionStore } from '../../src/runbook/session.js';
import { StepHost } from '../../src/runbook/step-host.js';
import type { FaultSpec } from '../../src/sim/faults.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { connectToSim, journalRecords, until } from '../helpers/sim-session.js';
import { tempDir } from '../helpers/temp-dir.js';
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

/** A session on `minimal` with short retries (ARM and Kubernetes), the upgrades step hosted. */
async function session(faults: FaultSpec = {}) {
  sim = await startSimulator({ scenario: 'minimal', speed: 600, faults });
  const hosted = await hostUpgrades(sim, 'unknown-');
  ({ host, journal } = hosted);
  const { store } = hosted;
  return { store, host, journal, sim };
}

/** Answers the control-plane upgrade's confirmation with yes; resolves when the change ended. */
async function upgrade(s: Awaited<ReturnType<typeof session>>) {
  const sent = s.host.send('upgrades', { type: 'action', key: 'c' });
  await until(() => s.store.getState().confirmation, 'the confirmation');
  s.store.answer(true);
  await sent;
  return (s.store.getState().stepViews.upgrades?.result ?? []).join('\n');
}

// The client's own words, or a verdict on the upgrade ("… failed"), are never what the operator reads.
const RAW =
  /connect ECONNREFUSED|ECONNRESET|socket hang up|fetch failed|AKS said|upgrade to \S+ (failed|succeeded)/;

describe('an accepted upgrade whose answer never comes', () => {
  it('ARM gone after the PUT was accepted: outcome unknown, how to check, journal unknown', async () => {
    const s = await session();
    const at = s.sim.arm;
    // The first poll of the operation's status: ARM has accepted the PUT (201 + its status URL).
    const held = s.sim.hold(
      (method, path) => method === 'GET' && path.includes('/operationStatus/'),
    );
    const result = upgrade(s);
    await held.reached;
    expect(s.sim.log.writes().some((w) => w.method === 'PUT' && w.status < 300)).toBe(true);
    held.drop();
    await s.sim.close();
    const text = await result;

    expect(text).toContain(
      '⚠ Control-plane upgrade to 1.32.5 was sent and accepted; its outcome is unknown. Azure accepted the request, then could not be heard: cannot reach Azure Resource Manager while trying to follow the operation; check the address, the network',
    );
    expect(text).toContain('It may still be running in Azure');
    expect(text).toContain(
      `Check it: az aks show -g ${at.resourceGroup} -n ${at.name} --query provisioningState --subscription ${at.subscriptionId}`,
    );
    expect(text).not.toMatch(RAW);
    expect(text).not.toMatch(/[✔✖]/);

    const records = journalRecords(s.journal.path);
    expect(records.find((r) => r['type'] === 'result')).toMatchObject({ outcome: 'unknown' });
    const result_ = records.find((r) => r['type'] === 'result')!;
    expect(String(result_['error'])).toMatch(/^outcome unknown: Azure accepted the request/);
    expect(String(result_['error'])).not.toMatch(RAW);
    expect(
      records.find((r) => r['type'] === 'note' && / managedCluster\//.test(String(r['message']))),
    ).toMatchObject({
      detail: { operationStatus: 'Unknown', accepted: true },
    });
    // The board says the same: not failed, not succeeded.
    expect(s.store.getState().operation?.phase).toBe('unknown');
    expect(s.store.getState().steps.upgrades).not.toMatchObject({ kind: 'failed' });
  });

  it('ARM gone while the PUT waits for its answer: unknown whether Azure accepted it', async () => {
    const s = await session();
    const held = s.sim.hold(
      (method, path) => method === 'PUT' && path.includes('/managedClusters/'),
    );
    const result = upgrade(s);
    await held.reached;
    held.drop();
    await s.sim.close();
    const text = await result;
    expect(text).toContain(
      '⚠ Control-plane upgrade to 1.32.5 got no answer; its outcome is unknown. No answer came to the request, so Azure may or may not have accepted it: cannot reach Azure Resource Manager',
    );
    expect(text).toContain('do not send it again before checking');
    expect(text).not.toMatch(RAW);
    expect(text).not.toMatch(/[✔✖]/);
    const records = journalRecords(s.journal.path);
    expect(records.find((r) => r['type'] === 'result')).toMatchObject({ outcome: 'unknown' });
    expect(
      records.find((r) => r['type'] === 'note' && / managedCluster\//.test(String(r['message']))),
    ).toMatchObject({
      detail: { operationStatus: 'Unknown', accepted: false },
    });
    expect(s.store.getState().operation).toMatchObject({ phase: 'unknown', unanswered: true });
  });

  it("status endpoint resetting: outcome unknown; the board then follows ARM's word to the end", async () => {
    const s = await session({ api: 'arm', reset: 1, pathPattern: '/operationStatus/' });
    const text = await upgrade(s);
    expect(text).toContain(
      'was sent and accepted; its outcome is unknown. Azure accepted the request',
    );
    expect(text).not.toMatch(RAW);
    expect(journalRecords(s.journal.path).find((r) => r['type'] === 'result')).toMatchObject({
      outcome: 'unknown',
    });
    // ARM itself still answers: the board reads the cluster, finds this session's upgrade running
    // or ended, and keeps following it until ARM says how it ended.
    const ended = await until(() => {
      const op = s.store.getState().operation;
      return op?.phase === 'succeeded' && op;
    }, "the board to take ARM's ending");
    expect(ended).toMatchObject({ by: 'this session', armState: 'Succeeded' });
    expect(ended.what).toBe('Control-plane upgrade to 1.32.5');
    expect(s.sim.aks.state.currentKubernetesVersion).toBe('1.32.5');
  });
});

describe('an upgrade refused on this side before it left', () => {
  it('the credential fails at the PUT: not sent, in the shared words, never "AKS said"', async () => {
    sim = await startSimulator({ scenario: 'minimal', speed: 600 });
    let failing = false;
    const token = sim.arm.token;
    // Azure's credential interface (not our module): tokens that need refreshing every request.
    const credential = {
      getToken: () =>
        failing
          ? Promise.reject(new Error('AADSTS700082: the refresh token has expired'))
          : Promise.resolve({ token, expiresOnTimestamp: Date.now() + 500 }),
    };
    const connection = await connectToSim(sim, { credential });
    const mode = { readOnly: false, dryRun: false, demo: true };
    const store = new SessionStore(mode);
    journal = await Journal.open({ cluster: sim.arm.name, mode, env: {}, dir: tempDir('unsent-') });
    host = new StepHost({
      store,
      connection,
      journal,
      steps: { upgrades: makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 }) },
    });
    await host.open('upgrades');
    await host.send('upgrades', { type: 'target', version: '1.32.5' });
    const before = store.getState().operation;
    const sent = host.send('upgrades', { type: 'action', key: 'c' });
    await until(() => store.getState().confirmation, 'the confirmation');
    failing = true;
    store.answer(true);
    await sent;
    const text = (store.getState().stepViews.upgrades?.result ?? []).join('\n');
    expect(text).toMatch(/^✖ Control-plane upgrade to 1\.32\.5 was not sent: no Azure token: /);
    expect(text).toContain('sign in again');
    expect(text).not.toMatch(/AKS said|Unknown/);
    expect(sim.log.writes()).toEqual([]);
    // Nothing ran: the board shows what it showed before, not a failed upgrade.
    expect(store.getState().operation).toEqual(before);
    expect(
      journalRecords(journal.path).find(
        (r) => r['type'] === 'note' && / managedCluster\//.test(String(r['message'])),
      ),
    ).toMatchObject({
      detail: { operationStatus: 'NotSent' },
    });
  });
});
