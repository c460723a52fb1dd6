// Enabling Defender when ARM accepts the PUT and then cannot be heard (its operation status
// resets every connection): the step says the PUT was sent and its outcome is unknown, with the
// command that tells; never "✖ cannot reach …" as if it had failed. The journal says unknown.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS } from '../../src/model/bounds.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeDefenderStep } from '../../src/steps/defender/index.js';
import { connectToSim, hostFor, until, DEMO_WORKSPACE } from '../helpers/sim-session.js';

const WORKSPACE = DEMO_WORKSPACE;

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('defender enable whose answer never comes', () => {
  it('outcome unknown on screen and in the journal', async () => {
    sim = await startSimulator({
      scenario: 'demo',
      speed: 2000,
      faults: { api: 'arm', reset: 1, pathPattern: '/operationStatus/' },
    });
    const connection = await connectToSim(sim, {
      bounds: { ...DEFAULT_BOUNDS, retryWaitMaxMs: 20 },
    });
    const s = await hostFor(connection, { defender: makeDefenderStep({ pollMs: 5 }) });
    await s.host.open('defender');
    // ARM requires a workspace to enable Defender: one is given first.
    await s.host.send('defender', { type: 'workspace', id: WORKSPACE });
    const sent = s.host.send('defender', { type: 'action', key: 'e' });
    const asked = await until(() => s.store.getState().confirmation, 'the confirmation');
    expect(asked.typed).toBe(sim.arm.name);
    s.store.answer(true);
    await sent;
    const result = s.store.getState().stepViews.defender?.result ?? [];
    const at = sim.arm;
    expect(result[0]).toMatch(
      /^⚠ The PUT that enables Defender was sent; its outcome is unknown\. Azure accepted the request, then could not be heard: cannot reach Azure Resource Manager while trying to follow the change; /,
    );
    expect(result).toContain('It may still be running in Azure: nothing here stopped or undid it.');
    expect(result.join('\n')).toContain(
      `Check it: az aks show -g ${at.resourceGroup} -n ${at.name} --query provisioningState --subscription ${at.subscriptionId}`,
    );
    expect(result.join('\n')).not.toMatch(/✖|socket hang up|ECONNRESET|Verified/);
    expect(s.journalLines().find((r) => r['type'] === 'result')).toMatchObject({
      outcome: 'unknown',
    });
  });
});
