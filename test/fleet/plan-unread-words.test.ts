// A member part the fleet plan could not read is named with the failure in the shared words (what
// could not be read, what to do), never the client's own text (an HTTP dump, "fetch failed").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness } from './fleet-harness.js';

let sim: Simulator;
beforeAll(async () => {
  // Every member's API server fails its PodDisruptionBudget list and its /metrics.
  sim = await startSimulator({
    scenario: 'fleet',
    speed: 6000,
    faults: { api: 'kube', serverError: 1, pathPattern: 'poddisruptionbudgets|^/metrics$' },
  });
});
afterAll(async () => {
  await sim.close();
});

describe('fleet run plan with parts of the members unreadable', () => {
  it('says each unread part in the shared words', async () => {
    const { run } = fleetHarness(sim, { AKS_RUNBOOK_RETRY_WAIT_MAX: '0.01' });
    const plan = await run(['run', 'plan', '--kubernetes-version', '1.32.5']);
    expect(plan.code).toBe(0);
    const unread = plan.out.split('\n').filter((l) => l.includes('not read:'));
    expect(unread.length).toBeGreaterThan(0);
    expect(plan.out).toMatch(
      /not read: PodDisruptionBudgets \(the API server at https:\/\/127\.0\.0\.1:\d+ failed \(500\) while trying to list PodDisruptionBudgets; the server failed; run again later, or check the service health\)/,
    );
    expect(plan.out).toMatch(
      /not read: deprecated API requests \(the API server at https:\/\/127\.0\.0\.1:\d+ failed \(500\) while trying to read the API server's \/metrics; /,
    );
    expect(plan.out).not.toMatch(/HTTP-Code|Message: |Headers: |fetch failed|Unknown API Status/);
  }, 120_000);
});
