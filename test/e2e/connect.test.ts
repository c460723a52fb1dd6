import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { connect } from '../../src/target/connect.js';
import { fixedTokenCredential } from '../../src/target/credential.js';
import { UserError } from '../../src/model/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

const WRITES = { readOnly: false, dryRun: false };

// Real clients (@azure/arm-containerservice, @kubernetes/client-node) over real HTTPS to the
// simulated cluster on 127.0.0.1. The credential is always a local one: never the Azure chain.
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo' });
});
afterAll(async () => {
  await sim.close();
});

function armTarget() {
  return {
    cloud: 'AzureCloud' as const,
    demo: false,
    subscription: sim.arm.subscriptionId,
    resourceGroup: sim.arm.resourceGroup,
    name: sim.arm.name,
  };
}

function armDeps(token = sim.arm.token) {
  return {
    env: {},
    mode: WRITES,
    credential: fixedTokenCredential(token),
    armEndpoint: sim.arm.endpoint,
    caCert: sim.caCert,
  };
}

describe('connect through the real SDKs', () => {
  it('reads the cluster card over ARM and the Kubernetes API, sending no change', async () => {
    const before = sim.log.entries.length;
    const connection = await connect(armTarget(), armDeps());
    const card = connection.summary;
    expect(card).toMatchObject({
      name: sim.arm.name,
      resourceGroup: sim.arm.resourceGroup,
      location: sim.arm.location,
      source: 'arm+kube',
    });
    // The API server and ARM agree on the control plane's version, to the patch.
    expect(card.serverVersion).toBe(`v${card.kubernetesVersion}`);
    expect(card.pools.length).toBeGreaterThan(0);
    expect(card.nodeCount).toBe(sim.kube.listNodes().length);
    expect(card.nodeCount).toBe(card.pools.reduce((n, p) => n + p.count, 0));
    expect(connection.armMissing).toBeUndefined();

    const seen = sim.log.entries.slice(before);
    const paths = seen.map((e) => `${e.method} ${e.path}`);
    expect(paths).toContain(
      `POST /subscriptions/${sim.arm.subscriptionId}/resourceGroups/${sim.arm.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${sim.arm.name}/listClusterUserCredential`,
    );
    expect(paths).toContain('GET /version');
    expect(paths.some((p) => p.startsWith('GET /api/v1/nodes'))).toBe(true);
    expect(seen.filter((e) => e.effect !== 'read')).toEqual([]);
  });

  it('works from a kubeconfig alone and says what the Azure steps need', async () => {
    const file = join(tempDir('kc-'), 'config');
    writeFileSync(file, sim.userKubeconfig());
    const connection = await connect(
      { cloud: 'AzureCloud', demo: false, kubeconfig: file },
      { env: {}, mode: WRITES },
    );
    expect(connection.summary.source).toBe('kube-only');
    expect(connection.armMissing).toMatch(/--subscription, -g and -n/);
    expect(connection.summary.pools.reduce((n, p) => n + p.count, 0)).toBe(
      connection.summary.nodeCount,
    );
  });

  it('reports a cluster that does not exist in one line', async () => {
    const error = await connect({ ...armTarget(), name: 'no-such-cluster' }, armDeps()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/no AKS cluster "no-such-cluster"/);
  });

  it('reports a refused token in one line', async () => {
    const error = await connect(armTarget(), armDeps('not-a-token')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/Azure refused your sign-in/);
  });
});

describe('the simulator itself', () => {
  it('refuses requests without a bearer token, on both APIs', async () => {
    const { request } = await import('node:https');
    const status = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${sim.baseUrl}${path}`, { ca: sim.caCert }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await status('/api/v1/nodes')).toBe(401);
    expect(
      await status(
        `/subscriptions/${sim.arm.subscriptionId}/resourceGroups/${sim.arm.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${sim.arm.name}?api-version=2026-06-01`,
      ),
    ).toBe(401);
  });

  it('serves a certificate that only its own CA vouches for', async () => {
    const { request } = await import('node:https');
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${sim.baseUrl}/version`, (res) => {
        res.resume();
        resolve(`status ${res.statusCode}`);
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end();
    });
    expect(outcome).toMatch(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/);
  });
});
