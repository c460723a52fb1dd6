// The generated `large` scenario loads in seconds (time and RSS printed for the record).
import { describe, expect, it } from 'vitest';
import { createAks } from '../../src/sim/arm/index.js';
import { SimClock } from '../../src/sim/clock.js';
import { loadScenario } from '../../src/sim/scenario.js';
import { LARGE } from '../../src/sim/scenarios/large.js';
import { HttpsSim } from '../../src/sim/server.js';
import { makeCertificates } from '../../src/sim/cert.js';
import { FakeWorld } from './arm-helpers.js';

describe('large scenario', () => {
  it('loads 1,000 nodes, 500 namespaces, 5,000 bindings and workloads for 30,000 pods under 10 s', async () => {
    const start = performance.now();
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
    const ms = performance.now() - start;
    const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    process.stdout.write(
      `large scenario: loader + ${world.nodes.size} nodes in ${Math.round(ms)} ms, RSS ${rssMb} MiB\n`,
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
});
