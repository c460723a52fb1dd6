import { channel } from 'node:diagnostics_channel';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import type { Connection } from '../../src/model/connection.js';
import { connectToSim } from '../helpers/sim-session.js';

// client-node builds a new connection pool for every request; the wire keeps one per TLS setting,
// so a session's requests reuse kept-alive connections (no TLS handshake per call).

let sim: Simulator;
let connection: Connection;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'minimal', speed: 1000 });
  connection = await connectToSim(sim);
});
afterAll(async () => {
  await sim.close();
});

describe('the Kubernetes wire', () => {
  it('sends ten reads one after another over one kept-alive connection', async () => {
    const connected = channel('undici:client:connected');
    let opened = 0;
    const count = (): void => void opened++;
    connected.subscribe(count);
    try {
      const api = connection.kc.makeApiClient(CoreV1Api);
      for (let i = 0; i < 10; i++) await api.listNamespace();
    } finally {
      connected.unsubscribe(count);
    }
    expect(opened).toBeLessThanOrEqual(1);
  });
});
