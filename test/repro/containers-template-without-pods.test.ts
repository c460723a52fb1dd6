// Repro: a Deployment scaled to zero whose pod template runs a privileged container gets no
// finding: the containers step judges only running pods, never the workload templates (nor a
// suspended CronJob's), so the next scale-up or schedule starts privileged pods unreported.
// Against the simulator, over the real wire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { containersStep } from '../../src/steps/containers/index.js';
import { stepSession } from '../e2e/security-step-session.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
});
afterAll(async () => {
  await sim.close();
});

describe('containers: workload templates without pods', () => {
  // https://kubernetes.io/docs/concepts/security/pod-security-standards/ (Baseline, "Privileged
  // Containers"); https://kubernetes.io/docs/concepts/security/pod-security-admission/ ("Workload
  // resources and Pod templates": the standards are checked on the templates too).
  it.fails('reports a privileged template of a Deployment with replicas 0', async () => {
    sim.kube.load([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { namespace: 'default', name: 'rooty' },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'rooty' } },
          template: {
            metadata: { labels: { app: 'rooty' } },
            spec: {
              containers: [
                { name: 'app', image: 'busybox', securityContext: { privileged: true } },
              ],
            },
          },
        },
      },
    ]);
    const { host, view } = await stepSession(sim, 'containers', containersStep, {
      readOnly: true,
    });
    await host.open('containers');
    const findings = view().findings ?? [];
    expect(
      findings.find((f) => f.object?.name === 'rooty' && f.id === 'containers.privileged'),
    ).toBeDefined();
  });
});
