// The simulator runs TCP connect probe pods (`nc -z -w N HOST PORT`) against its own data plane.
import { CoreV1Api, KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { connectProbeOf } from '../../src/sim/kube/connect-probe.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { until } from '../helpers/until.js';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function probePod(name: string): V1Pod {
  return {
    metadata: { name },
    spec: {
      restartPolicy: 'Never',
      containers: [
        {
          name: 'probe',
          image: 'busybox:1.37',
          command: ['nc', '-z', '-w', '3', '169.254.169.254', '80'],
        },
      ],
    },
  };
}

async function runProbe(
  s: Simulator,
  namespace: string,
): Promise<{ phase: string; exitCode?: number; log: string }> {
  const kc = new KubeConfig();
  kc.loadFromString(s.userKubeconfig());
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespacedPod({ namespace, body: probePod('probe') });
  let phase = '';
  const pod = await until(
    async () => {
      const read = await core.readNamespacedPod({ namespace, name: 'probe' });
      phase = read.status?.phase ?? '';
      return phase === 'Succeeded' || phase === 'Failed' ? read : undefined;
    },
    () => `the probe to end (still ${phase})`,
    { ms: 10_000, everyMs: 20 },
  );
  const log = await core.readNamespacedPodLog({ namespace, name: 'probe' });
  const exitCode = pod.status?.containerStatuses?.[0]?.state?.terminated?.exitCode;
  return { phase, ...(exitCode !== undefined ? { exitCode } : {}), log };
}

describe('connect probe pods in the simulator', () => {
  it('reads busybox nc argument forms, and nothing else', () => {
    const pod = (command: string[]) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', command }] },
    });
    expect(connectProbeOf(pod(['nc', '-zv', '-w3', '169.254.169.254', '80']))).toEqual({
      host: '169.254.169.254',
      port: 80,
      timeoutSeconds: 3,
    });
    expect(connectProbeOf(pod(['/bin/nc', '-z', '10.0.0.1', '443']))?.port).toBe(443);
    expect(connectProbeOf(pod(['nc', '-u', '-z', '10.0.0.1', '53']))).toBeUndefined();
    expect(connectProbeOf(pod(['nc', '10.0.0.1', '80']))).toBeUndefined();
    expect(connectProbeOf(pod(['sh', '-c', 'nc -z 10.0.0.1 80']))).toBeUndefined();
  });

  it('an exposed namespace connects (Succeeded, exit 0); a blocked one times out (Failed, exit 1)', async () => {
    sim = await startSimulator({ scenario: 'imds-mixed' });
    expect(await runProbe(sim, 'web')).toEqual({
      phase: 'Succeeded',
      exitCode: 0,
      log: '169.254.169.254 (169.254.169.254:80) open\n',
    });
    expect(await runProbe(sim, 'secure')).toEqual({
      phase: 'Failed',
      exitCode: 1,
      log: 'nc: 169.254.169.254 (169.254.169.254:80): Connection timed out\n',
    });
  });

  it('a data plane that ignores except (a planted fault) lets the blocked namespace through', async () => {
    sim = await startSimulator({
      scenario: 'imds-mixed',
      faults: { dataPlaneIgnoresExcept: true },
    });
    expect((await runProbe(sim, 'secure')).phase).toBe('Succeeded');
  });
});
