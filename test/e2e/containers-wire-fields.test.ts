// The fields the newer container checks read (volume sources, probe and hook hosts, the required
// node affinity) survive the shared pod list's lean copy on the real wire, against the simulator.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { containersStep } from '../../src/steps/containers/index.js';
import { stepSession } from './security-step-session.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
});
afterAll(async () => {
  await sim.close();
});

const node = () => sim.kube.listNodes()[0]!.metadata.name;
const pod = (name: string, spec: object) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: 'default', name },
  spec: { nodeName: node(), ...spec },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
});

it('reads volume sources, probe and hook hosts and a Windows-only affinity over the wire', async () => {
  sim.kube.load([
    pod('mounts', {
      containers: [
        {
          name: 'app',
          image: 'busybox',
          readinessProbe: { httpGet: { path: '/', port: 80, host: '169.254.169.254' } },
          lifecycle: { preStop: { tcpSocket: { port: 22, host: '10.0.0.4' } } },
        },
      ],
      volumes: [
        { name: 'share', nfs: { server: 'files.internal', path: '/export' } },
        { name: 'code', gitRepo: { repository: 'https://example.invalid/x.git' } },
        { name: 'model', image: { reference: 'registry.invalid/model:1' } },
        { name: 'cfg', configMap: { name: 'cfg' } },
      ],
    }),
    pod('win', {
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'kubernetes.io/os', operator: 'In', values: ['windows'] },
                ],
              },
            ],
          },
        },
      },
      securityContext: { windowsOptions: { runAsUserName: 'ContainerAdministrator' } },
      containers: [{ name: 'app', image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022' }],
    }),
  ]);
  const { host, view } = await stepSession(sim, 'containers', containersStep, { readOnly: true });
  await host.open('containers');
  const findings = view().findings ?? [];
  const of = (name: string, id: string) =>
    findings.find((f) => f.object?.name === name && f.id === id);
  const volumes = of('mounts', 'containers.volume-type');
  expect(volumes).toMatchObject({ severity: 'medium' });
  expect(volumes?.message).toContain('volume share (nfs)');
  expect(volumes?.message).toContain('volume code (gitRepo)');
  expect(volumes?.message).not.toMatch(/model|cfg/);
  expect(of('mounts', 'containers.probe-host')?.message).toContain('169.254.169.254, 10.0.0.4');
  expect(of('win', 'containers.root')?.message).toContain('runAsUserName ContainerAdministrator');
  expect(of('win', 'containers.seccomp')?.message).toContain('declare spec.os.name: windows');
});
