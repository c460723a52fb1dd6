// A workload whose pods do not exist now (a Deployment scaled to zero, a suspended CronJob) is
// judged by its pod template: the next scale-up or schedule starts pods from it. Against the
// simulator, over the real wire. https://kubernetes.io/docs/concepts/security/pod-security-standards/
// (Baseline, "Privileged Containers"); https://kubernetes.io/docs/concepts/security/pod-security-admission/
// ("Workload resources and Pod templates": the standards are checked on the templates too).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeStatus } from '../../src/sim/server.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { containersStep } from '../../src/steps/containers/index.js';
import { audit, rig, view } from '../helpers/audit-rig.js';
import { stepSession } from './security-step-session.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
});
afterAll(async () => {
  await sim.close();
});

describe('containers: workload templates without pods', () => {
  it('reports a privileged template of a Deployment with replicas 0, and a suspended CronJob', async () => {
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
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { namespace: 'default', name: 'sweeper' },
        spec: {
          schedule: '0 3 * * *',
          suspend: true,
          jobTemplate: {
            spec: {
              template: {
                spec: {
                  restartPolicy: 'OnFailure',
                  volumes: [{ name: 'root', hostPath: { path: '/' } }],
                  containers: [{ name: 'sweep', image: 'busybox' }],
                },
              },
            },
          },
        },
      },
    ]);
    const { host, view: stepView } = await stepSession(sim, 'containers', containersStep, {
      readOnly: true,
    });
    await host.open('containers');
    const findings = stepView().findings ?? [];
    expect(
      findings.find((f) => f.object?.name === 'rooty' && f.id === 'containers.privileged'),
    ).toMatchObject({
      severity: 'high',
      object: { kind: 'Deployment', namespace: 'default', name: 'rooty' },
      subject: 'Deployment default/rooty (template, 0 replicas)',
    });
    expect(
      findings.find((f) => f.object?.name === 'sweeper' && f.id === 'containers.host-path'),
    ).toMatchObject({ subject: 'CronJob default/sweeper (template, suspended)' });
    // A workload whose pods are judged is not judged again by its template: one finding per
    // check and workload.
    const keys = findings.map(
      (f) => `${f.id} ${f.object?.kind}/${f.object?.namespace}/${f.object?.name}`,
    );
    expect(keys.length).toBeGreaterThan(2);
    expect(new Set(keys).size).toBe(keys.length);
  });

  for (const kind of ['deployments', 'cronjobs'] as const) {
    it(`a refused list of ${kind} is a hole: the audit does not pass (exit 2)`, async () => {
      const r = await rig('minimal');
      try {
        r.intercept((q: { path: string }) =>
          new RegExp(`/${kind}$`).test(q.path)
            ? kubeStatus(
                403,
                'Forbidden',
                `${kind} is forbidden: User "x" cannot list resource "${kind}"`,
              )
            : undefined,
        );
        const { code, report } = await audit(r.file, { steps: ['containers'] });
        const forbidden = report.steps[0]!.findings.filter((f) => f.id === 'containers.forbidden');
        expect(forbidden.map((f) => f.message).join(' ')).toContain(kind);
        expect(code, view(report).join('\n')).toBe(2);
      } finally {
        await r.sim.close();
      }
    }, 60_000);
  }
});
