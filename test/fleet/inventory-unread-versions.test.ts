// A region whose Kubernetes version list could not be read leaves its clusters' support unknown:
// that must not rank them least risky, nor let `fleet inventory --where risk=unsupported` pass
// as "0 clusters", exit 0 (README: less data never passes where more would fail). The unread
// region is named, and the gate exits 2.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness } from './fleet-harness.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('fleet inventory when one region’s version list cannot be read', () => {
  it('--where risk=unsupported does not pass as "0 clusters", exit 0', async () => {
    sim = await startSimulator({
      scenario: 'fleet',
      speed: 60,
      faults: { api: 'arm', serverError: 1, pathPattern: '/locations/eastus/kubernetesVersions$' },
    });
    const h = fleetHarness(sim, { AKS_RUNBOOK_RETRY_WAIT_MAX: '0.05' });
    const r = await h.run(['inventory', '--where', 'risk=unsupported']);
    // The version list of eastus was not read: that is said…
    expect(r.out).toContain('support status unknown in eastus');
    // …and the gate does not pass: exit 2, the cluster not judged named.
    expect(r.code).toBe(2);
  });
});
