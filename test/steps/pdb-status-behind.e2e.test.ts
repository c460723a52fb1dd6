// A PodDisruptionBudget's status is valid only once status.observedGeneration equals
// metadata.generation (policy/v1); until then the eviction API refuses the evictions it covers
// (429). The drain and upgrades steps must not judge such a budget on its stale
// disruptionsAllowed: here one tightened to maxUnavailable 0 whose status still says 1 allowed.
import { afterEach, describe, expect, it } from 'vitest';
import { audit, rig, view, type Rig } from '../helpers/audit-rig.js';

let r: Rig | undefined;
afterEach(async () => {
  await r?.sim.close();
  r = undefined;
});

const pdb = (
  name: string,
  namespace: string,
  spec: Record<string, unknown>,
  generation: number,
  status: Record<string, unknown>,
) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name, namespace, generation, uid: `uid-${name}`, resourceVersion: '9' },
  spec: { ...spec, selector: { matchLabels: { app: name } } },
  status,
});

describe('a budget whose status the controller has not caught up with', () => {
  it('is not judged on its stale disruptionsAllowed', async () => {
    r = await rig('demo');
    r.intercept((q, api) =>
      api === 'kube' && q.method === 'GET' && q.path === '/apis/policy/v1/poddisruptionbudgets'
        ? {
            status: 200,
            body: {
              kind: 'PodDisruptionBudgetList',
              apiVersion: 'policy/v1',
              metadata: { resourceVersion: '9' },
              items: [
                pdb('orders-db', 'payments', { minAvailable: 1 }, 1, {
                  observedGeneration: 1,
                  disruptionsAllowed: 0,
                  currentHealthy: 1,
                  desiredHealthy: 1,
                  expectedPods: 1,
                }),
                // Tightened to maxUnavailable 0 a moment ago; the status is from generation 1.
                pdb('storefront', 'shop', { maxUnavailable: 0 }, 2, {
                  observedGeneration: 1,
                  disruptionsAllowed: 1,
                  currentHealthy: 3,
                  desiredHealthy: 2,
                  expectedPods: 3,
                }),
              ],
            },
          }
        : undefined,
    );
    const { report } = await audit(r.file, { steps: ['upgrades', 'drain'] });
    const about = report.steps
      .flatMap((s) => s.findings)
      .filter((f) => f.object?.kind === 'PodDisruptionBudget' && f.object.name === 'storefront');
    const said = view(report).join('\n');
    // Both steps name it, as a budget whose status is not current (not as one allowing 1).
    expect(about.map((f) => f.id).sort(), said).toEqual([
      'drain.pdb-blocks-eviction',
      'versions.pdb-blocks-drain',
    ]);
    // The drain step says its status is not current; the upgrades step judges its spec, which
    // decides alone: AKS refuses any upgrade while a budget has maxUnavailable 0 (UnsatisfiablePDB).
    for (const f of about) {
      expect(f.message).toMatch(
        f.id === 'versions.pdb-blocks-drain'
          ? /has maxUnavailable 0: AKS refuses to start an upgrade/
          : /status is not current yet/,
      );
      expect(f.message).not.toMatch(/allows 1/);
    }
    // A budget whose status is current is judged as before.
    const ordersDb = report.steps
      .flatMap((s) => s.findings)
      .filter((f) => f.object?.kind === 'PodDisruptionBudget' && f.object.name === 'orders-db');
    expect(ordersDb.length).toBeGreaterThan(0);
    for (const f of ordersDb) expect(f.message).not.toMatch(/not current/);
  }, 60_000);
});
