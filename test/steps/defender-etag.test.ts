// Enabling Defender when the cluster changed between the read the PUT is built from and the PUT:
// ARM's 412 to the stale If-Match (another writer's tag change, made while the confirmation is
// up), and AKS's 409 EtagMismatch (the simulator's armEtagMismatch fault). Either way the step
// says nothing changed and how to redo it on the cluster as it is now, marks the change failed,
// journals it failed, and the redo (e) carries the other writer's change instead of undoing it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../src/model/connection.js';
import { DEFAULT_BOUNDS } from '../../src/model/bounds.js';
import type { FaultSpec } from '../../src/sim/faults.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeDefenderStep } from '../../src/steps/defender/index.js';
import { connectToSim, hostFor, until, DEMO_WORKSPACE } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const REDO =
  'Press e to read the cluster again and be asked again: the PUT then carries the cluster as it is now.';

/** The defender step on the demo with `faults`, the workspace given; `enable` presses e and confirms. */
async function defender(faults: FaultSpec = {}) {
  sim = await startSimulator({ scenario: 'demo', speed: 2000, faults });
  const connection = await connectToSim(sim, { bounds: { ...DEFAULT_BOUNDS, retryWaitMaxMs: 20 } });
  const s = await hostFor(connection, { defender: makeDefenderStep({ pollMs: 5 }) });
  await s.host.open('defender');
  await s.host.send('defender', { type: 'workspace', id: DEMO_WORKSPACE });
  const arm = connection.arm!;
  return {
    ...s,
    /** Presses e, runs `whileAsked` while the confirmation is up, confirms; the result lines. */
    async enable(whileAsked: (c: Connection) => Promise<void> = () => Promise.resolve()) {
      const sent = s.host.send('defender', { type: 'action', key: 'e' });
      await until(() => s.store.getState().confirmation, 'the confirmation');
      await whileAsked(connection);
      s.store.answer(true);
      await sent;
      return s.store.getState().stepViews.defender?.result ?? [];
    },
    cluster: () => arm.client.managedClusters.get(arm.at.resourceGroup, arm.at.name),
    puts: () => sim!.log.entries.filter((e) => e.method === 'PUT' && e.api === 'arm'),
    results: () => s.journalLines().filter((r) => r['type'] === 'result'),
  };
}

describe('defender enable refused because the cluster changed since it was read', () => {
  it('412 to the stale If-Match: nothing changed, failed, journaled; e again keeps the other change', async () => {
    const s = await defender();
    const result = await s.enable(async (connection) => {
      const arm = connection.arm!;
      // Another writer changes the cluster while the operator reads the question.
      await arm.client.managedClusters.updateTags(arm.at.resourceGroup, arm.at.name, {
        tags: { owner: 'platform-team' },
      });
    });
    expect(result).toEqual([
      `✖ Azure refused the change (412 PreconditionFailed): cluster "${sim!.arm.name}" in resource group "${sim!.arm.resourceGroup}" (subscription ${sim!.arm.subscriptionId}) was changed by someone else after it was read, so nothing was changed; look again and redo the change on what it is now`,
      REDO,
    ]);
    expect(s.store.getState().steps.defender).toMatchObject({ kind: 'failed' });
    expect(s.puts()).toHaveLength(1);
    expect(s.results().map((r) => r['outcome'])).toEqual(['failed']);
    const after = await s.cluster();
    expect(after.securityProfile?.defender?.securityMonitoring?.enabled).not.toBe(true);
    expect(after.tags).toEqual({ owner: 'platform-team' });

    // The redo reads the cluster again: its PUT carries the other writer's tags.
    const again = await s.enable();
    expect(again[0]).toMatch(/^✔ Verified: Defender for Containers is on/);
    expect(s.results().map((r) => r['outcome'])).toEqual(['failed', 'ok']);
    const done = await s.cluster();
    expect(done.securityProfile?.defender?.securityMonitoring?.enabled).toBe(true);
    expect(done.tags).toEqual({ owner: 'platform-team' });
  });

  it("AKS's 409 EtagMismatch: said the same way, never 'wait for the other change'", async () => {
    const s = await defender({ api: 'arm', armEtagMismatch: 1 });
    const result = await s.enable();
    expect(result[0]).toMatch(
      /^✖ Azure refused the change \(409 EtagMismatch\): cluster "aks-shop-prod" .* was changed by someone else after it was read, so nothing was changed; look again and redo the change on what it is now$/,
    );
    expect(result[1]).toBe(REDO);
    expect(result.join('\n')).not.toMatch(/wait for the other change/);
    expect(s.store.getState().steps.defender).toMatchObject({ kind: 'failed' });
    expect(s.results().map((r) => r['outcome'])).toEqual(['failed']);
    expect((await s.cluster()).securityProfile?.defender?.securityMonitoring?.enabled).not.toBe(
      true,
    );
  });
});
