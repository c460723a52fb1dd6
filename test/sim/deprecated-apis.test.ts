// The simulated API server's deprecated versions and its apiserver_requested_deprecated_apis
// metric: seeded by the scenario, then fed by what real kubectl actually requests.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { tempDir } from '../helpers/temp-dir.js';
import { kubectl, requireKubectl } from './helpers/kube-kubectl.js';
import { startKube, type KubeTestServer } from './helpers/kube-server.js';

const FLOW_SCHEMA = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata:
  name: trainee-flow
spec:
  matchingPrecedence: 8000
  priorityLevelConfiguration:
    name: workload-low
`;

describe('a scenario that serves deprecated versions (upgrade-readiness, 1.31)', () => {
  let sim: Simulator;
  let env: { kubeconfig: string; home: string };

  beforeAll(async () => {
    requireKubectl();
    sim = await startSimulator({ scenario: 'upgrade-readiness', speed: 600 });
    const home = tempDir('deprecated-apis-');
    const kubeconfig = join(home, 'config');
    writeFileSync(kubeconfig, sim.userKubeconfig());
    env = { kubeconfig, home };
  });
  afterAll(() => sim?.close());

  it('starts the metric with the uses the scenario lists', async () => {
    const r = await kubectl(['get', '--raw', '/metrics'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# TYPE apiserver_requested_deprecated_apis gauge');
    expect(r.stdout).toContain(
      'apiserver_requested_deprecated_apis{group="flowcontrol.apiserver.k8s.io",removed_release="1.32",resource="prioritylevelconfigurations",subresource="",version="v1beta3"} 1',
    );
    expect(r.stdout).not.toContain('resource="flowschemas"');
  });

  it('serves flowcontrol v1beta3 in discovery, and counts what kubectl sends to it', async () => {
    const versions = await kubectl(['api-versions'], env);
    expect(versions.stdout.split('\n')).toContain('flowcontrol.apiserver.k8s.io/v1beta3');
    const file = join(env.home, 'flow.yaml');
    writeFileSync(file, FLOW_SCHEMA);
    const applied = await kubectl(['apply', '-f', file], env);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain(
      'flowschema.flowcontrol.apiserver.k8s.io/trainee-flow created',
    );
    const r = await kubectl(['get', '--raw', '/metrics'], env);
    expect(r.stdout).toContain(
      'apiserver_requested_deprecated_apis{group="flowcontrol.apiserver.k8s.io",removed_release="1.32",resource="flowschemas",subresource="",version="v1beta3"} 1',
    );
  });
});

describe('a scenario that does not ask for deprecated versions', () => {
  let server: KubeTestServer;
  beforeAll(async () => {
    server = await startKube();
  });
  afterAll(() => server?.close());

  it('does not serve them, and its metric is empty', async () => {
    const admin = server.token('alice@contoso.com', ['system:masters']);
    const list = await server.call(
      'GET',
      '/apis/flowcontrol.apiserver.k8s.io/v1beta3/flowschemas',
      {
        token: admin,
      },
    );
    expect(list.status).toBe(404);
    const groups = await server.call('GET', '/apis', { token: admin });
    expect(JSON.stringify(groups.body)).not.toContain('flowcontrol');
    const metrics = await server.call('GET', '/metrics', { token: admin, accept: 'text/plain' });
    expect(metrics.status).toBe(200);
    expect(String(metrics.body)).not.toContain('apiserver_requested_deprecated_apis{');
  });

  it('refuses /metrics to a user without the non-resource right (403)', async () => {
    const metrics = await server.call('GET', '/metrics', {
      token: server.token('bob@contoso.com'),
    });
    expect(metrics.status).toBe(403);
  });
});
