// A PodDisruptionBudget's status is valid only once status.observedGeneration equals
// metadata.generation (policy/v1); until then the eviction API refuses the pods it covers. The
// fleet plan must judge a member's budgets as the drain and upgrades steps do: such a budget counts
// as allowing none and is said to be not current yet, whatever its stale status allows.
// Also: a member Azure reports stopped, in any case, is not read at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Interceptor } from '../../src/sim/server.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { fleetHarness } from './fleet-harness.js';

let sim: Simulator;
let h: ReturnType<typeof fleetHarness>;

const pdb = (name: string, generation: number, status: Record<string, unknown>) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace: 'shop', generation, uid: `uid-${name}`, resourceVersion: '9' },
  spec: { maxUnavailable: 0, selector: { matchLabels: { app: name } } },
  status,
});

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'fleet', speed: 6000 });
  h = fleetHarness(sim);
  const member = sim.clusters.find((c) => c.arm.name === 'aks-shop-dev')!;
  const https = (member as unknown as { https: { interceptors: Interceptor[] } }).https;
  https.interceptors.unshift((q, api) =>
    api === 'kube' && q.method === 'GET' && q.path === '/apis/policy/v1/poddisruptionbudgets'
      ? {
          status: 200,
          body: {
            kind: 'PodDisruptionBudgetList',
            apiVersion: 'policy/v1',
            metadata: { resourceVersion: '9' },
            items: [
              // Tightened to maxUnavailable 0 a moment ago; the status is from generation 1.
              pdb('storefront', 2, {
                observedGeneration: 1,
                disruptionsAllowed: 1,
                currentHealthy: 3,
                desiredHealthy: 2,
                expectedPods: 3,
              }),
              // Current, and allowing one: no blocker.
              pdb('cart', 1, {
                observedGeneration: 1,
                disruptionsAllowed: 1,
                currentHealthy: 2,
                desiredHealthy: 1,
                expectedPods: 2,
              }),
            ],
          },
        }
      : undefined,
  );
});
afterAll(async () => {
  await sim.close();
});

describe('fleet run plan: a member budget whose status is not current yet', () => {
  it('blocks the member, said as not current yet, not judged on its stale allowance', async () => {
    const plan = await h.run(['run', 'plan', '--kubernetes-version', '1.31.8']);
    expect(plan.code, plan.err).toBe(0);
    const row = plan.out.split('\n').find((l) => /^\d+ {2,}/.test(l) && l.includes('shop-dev'));
    expect(row).toMatch(/1\.31\.8\s+blocked/);
    expect(plan.out).toMatch(
      /shop-dev: PDB shop\/storefront: its status is not current yet .*the eviction API refuses its pods until it does/,
    );
    expect(plan.out).not.toMatch(/shop\/storefront allows 0/);
    expect(plan.out).not.toMatch(/shop\/cart/);
  }, 60_000);
});

describe('fleet run plan: a member stopped, in any case', () => {
  it('does not try the API server of a member Azure reports stopped (lower case)', async () => {
    const stopped = sim.clusters.find((c) => c.arm.name === 'aks-shop-stg')!;
    stopped.aks.state.powerState = 'stopped' as typeof stopped.aks.state.powerState;
    try {
      const plan = await h.run(['run', 'plan', '--kubernetes-version', '1.31.8']);
      expect(plan.code, plan.err).toBe(0);
      const said = plan.out.split('\n').filter((l) => l.startsWith('- shop-stg:'));
      // Blocked for being stopped, and only that: its budgets and API uses were not tried.
      expect(said).toEqual([
        '- shop-stg: the cluster is stopped: AKS refuses upgrades until it is started',
      ]);
    } finally {
      stopped.aks.state.powerState = 'Running';
    }
  }, 60_000);
});
