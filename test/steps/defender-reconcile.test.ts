// Enabling Defender on a cluster AKS shows Failed: the PUT of the whole cluster is also a
// reconcile that retries what failed, so the confirmation says so before anything is sent; on a
// healthy cluster it says nothing of the kind.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { makeDefenderStep } from '../../src/steps/defender/index.js';
import { connectToSim, hostFor, until, DEMO_WORKSPACE } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** The details of the confirmation the defender step asks before its PUT (answered No). */
async function askedBeforePut(failed: boolean): Promise<string[]> {
  sim = await startSimulator({ scenario: 'demo', speed: 2000 });
  // The cluster as a failed upgrade leaves it (the simulator's live state).
  if (failed) sim.aks.state.provisioningState = 'Failed';
  const connection = await connectToSim(sim);
  const s = await hostFor(connection, { defender: makeDefenderStep({ pollMs: 5 }) });
  await s.host.open('defender');
  await s.host.send('defender', { type: 'workspace', id: DEMO_WORKSPACE });
  const sent = s.host.send('defender', { type: 'action', key: 'e' });
  const asked = await until(() => s.store.getState().confirmation, 'the confirmation');
  s.store.answer(false);
  await sent;
  expect(sim.log.entries.filter((e) => e.method === 'PUT' && e.api === 'arm')).toHaveLength(0);
  return asked.details ?? [];
}

describe('defender enable on a Failed cluster', () => {
  it('says the PUT also retries what failed', async () => {
    const details = await askedBeforePut(true);
    expect(details.some((d) => /Besides Defender: the cluster is in a Failed state/.test(d))).toBe(
      true,
    );
  });

  it('says nothing of it on a healthy cluster', async () => {
    const details = await askedBeforePut(false);
    expect(details.some((d) => d.includes('Besides Defender'))).toBe(false);
  });
});
