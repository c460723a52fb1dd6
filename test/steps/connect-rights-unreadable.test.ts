// Azure permissions that could not be read (every connection to the permissions endpoint reset):
// the rights rows say why in the shared words, never the client's text ("socket hang up").
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS } from '../../src/model/bounds.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { connectToSim } from '../helpers/sim-session.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('rights preflight, Azure permissions unreachable', () => {
  it('says the permissions could not be read, and why, in the shared words', async () => {
    sim = await startSimulator({
      scenario: 'demo',
      speed: 1000,
      faults: {
        api: 'arm',
        reset: 1,
        pathPattern: '/providers/Microsoft.Authorization/permissions$',
      },
    });
    const connection = await connectToSim(sim, {
      bounds: { ...DEFAULT_BOUNDS, retryWaitMaxMs: 20 },
    });
    const rights = await connection.rights.answers();
    expect(rights['arm.cluster.write']).toEqual({
      state: 'unknown',
      reason:
        'Azure permissions unreadable (cannot reach Azure Resource Manager while trying to read your Azure permissions; check the address, the network, a VPN or a private cluster); learned on first try',
    });
  });
});
