// Enabling Defender when ARM accepts the PUT and then cannot be heard (its operation status
// resets every connection): the step says the PUT was sent and accepted and its outcome is
// unknown, with the command that tells; never "✖ cannot reach …" as if it had failed. The journal
// says unknown. When the PUT itself gets no answer it says only that (never "was sent"), and when
// it was refused on this side before leaving, that nothing was sent.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS } from '../../src/model/bounds.js';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { FaultSpec } from '../../src/sim/faults.js';
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
      /^⚠ The PUT that enables Defender was sent and accepted; its outcome is unknown\. Azure accepted the request, then could not be heard: cannot reach Azure Resource Manager while trying to follow the change; /,
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

  it('the PUT itself gets no answer: never "was sent", may never have started', async () => {
    const s = await enabling({ api: 'arm', reset: 1, methods: ['PUT'] });
    const result = await s.enable();
    expect(result[0]).toMatch(
      /^⚠ The PUT that enables Defender got no answer; its outcome is unknown\. No answer came to the request, so Azure may or may not have accepted it: cannot reach Azure Resource Manager/,
    );
    expect(result).toContain(
      'It may be running in Azure, or may never have started: do not send it again before checking.',
    );
    expect(result.join('\n')).not.toMatch(/was sent|still be running|✖|ECONNRESET/);
    expect(s.journalLines().find((r) => r['type'] === 'result')).toMatchObject({
      outcome: 'unknown',
    });
  });

  it('refused on this side before it left (the sign-in failed): nothing was sent', async () => {
    let failing = false;
    // Tokens that are stale at once: every request asks for one, so the PUT's ask fails.
    const credential: TokenCredential = {
      getToken: (): Promise<AccessToken> =>
        failing
          ? Promise.reject(
              Object.assign(new Error('sign-in failed'), { name: 'CredentialUnavailableError' }),
            )
          : Promise.resolve({ token: sim!.arm.token, expiresOnTimestamp: Date.now() - 1 }),
    };
    const s = await enabling({}, credential, () => (failing = true));
    const result = await s.enable();
    expect(result[0]).toMatch(/^✖ The PUT that enables Defender was not sent: /);
    expect(result).toContain('Nothing was sent to Azure; nothing changed.');
    expect(result.join('\n')).not.toMatch(/Defender was sent|outcome is unknown/);
    expect(sim!.log.entries.filter((e) => e.method === 'PUT')).toEqual([]);
    expect(s.journalLines().find((r) => r['type'] === 'result')).toMatchObject({
      outcome: 'failed',
    });
  });
});

/** The defender step on the demo with `faults`, and `enable()`: e confirmed, the result lines. */
async function enabling(
  faults: FaultSpec,
  credential?: TokenCredential,
  onAsked: () => void = () => undefined,
) {
  sim = await startSimulator({ scenario: 'demo', speed: 2000, faults });
  const connection = await connectToSim(sim, {
    bounds: { ...DEFAULT_BOUNDS, retryWaitMaxMs: 20 },
    ...(credential ? { credential } : {}),
  });
  const s = await hostFor(connection, { defender: makeDefenderStep({ pollMs: 5 }) });
  await s.host.open('defender');
  await s.host.send('defender', { type: 'workspace', id: WORKSPACE });
  const enable = async (): Promise<string[]> => {
    const sent = s.host.send('defender', { type: 'action', key: 'e' });
    await until(() => s.store.getState().confirmation, 'the confirmation');
    onAsked();
    s.store.answer(true);
    await sent;
    return s.store.getState().stepViews.defender?.result ?? [];
  };
  return { ...s, enable };
}
