// The generated `large` scenario loads in seconds (time and RSS printed for the record).
import { describe, expect, it } from 'vitest';
import { createAks } from '../../src/sim/arm/index.js';
import { SimClock } from '../../src/sim/clock.js';
import { loadScenario } from '../../src/sim/scenario.js';
import { LARGE } from '../../src/sim/scenarios/large.js';
import { HttpsSim } from '../../src/sim/server.js';
import { makeCertificates } from '../../src/sim/cert.js';
import { startSimulator } from '../../src/sim/simulator.js';
import { FakeWorld } from './arm-helpers.js';

/**
 * Milliseconds of CPU this process used so far: the simulator runs here, and a loaded machine
 * (CI, other test workers) stretches wall time by whatever else runs, not by what loading costs.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

describe('large scenario', () => {
  it('loads 1,000 nodes, 500 namespaces, 5,000 bindings and workloads for 30,000 pods under 10 s', async () => {
    const start = cpuMs();
    const scenario = await loadScenario('large');
    const world = new FakeWorld();
    const certificates = await makeCertificates();
    const https = new HttpsSim({ certificates });
    const aks = createAks({
      clock: new SimClock(1),
      kube: world,
      scenario,
      https,
      caCert: certificates.caCert,
    });
    aks.createNodes();
    const ms = cpuMs() - start;
    const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    process.stdout.write(
      `large scenario: loader + ${world.nodes.size} nodes in ${Math.round(ms)} ms of CPU, RSS ${rssMb} MiB\n`,
    );
    expect(world.nodes.size).toBe(LARGE.nodes);
    const replicas = scenario.objects
      .filter((o) => o.kind === 'Deployment')
      .reduce((n, o) => n + ((o['spec'] as { replicas: number }).replicas ?? 0), 0);
    expect(replicas).toBe(LARGE.pods);
    expect(scenario.objects.filter((o) => o.kind === 'RoleBinding')).toHaveLength(LARGE.bindings);
    expect(scenario.objects.filter((o) => o.kind === 'Namespace')).toHaveLength(LARGE.namespaces);
    expect(ms).toBeLessThan(10_000);
  });

  // Measured 20.8 s / 352 MiB on 2026-11-30 with the Kubernetes half's first version: its load
  // (scheduling 30,000 pods) is the cost; the ARM side and loader take ~0.3 s. Bound kept loose
  // until that load is faster; the 10 s goal is asserted on the part this side owns above.
  it('starts the whole simulator (real Kubernetes world: 30,000 pods scheduled)', async (ctx) => {
    const start = cpuMs();
    let sim;
    try {
      sim = await startSimulator({ scenario: 'large', speed: 10 });
    } catch (e) {
      if (e instanceof Error && /not built yet/.test(e.message))
        return ctx.skip('Kubernetes half not built yet');
      throw e;
    }
    const ms = cpuMs() - start;
    const nodes = sim.kube.listNodes();
    const pods = nodes.reduce((n, node) => n + sim.kube.podsOnNode(node.metadata.name).length, 0);
    const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    process.stdout.write(
      `large scenario: simulator up, ${nodes.length} nodes, ${pods} pods bound, in ${Math.round(ms)} ms of CPU, RSS ${rssMb} MiB\n`,
    );
    await sim.close();
    expect(nodes).toHaveLength(LARGE.nodes);
    expect(ms).toBeLessThan(60_000);
  }, 90_000);
});
