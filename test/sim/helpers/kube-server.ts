import { request as httpsRequest } from 'node:https';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeCertificates, type SimCertificates } from '../../../src/sim/cert.js';
import { SimClock } from '../../../src/sim/clock.js';
import type { KubeObject } from '../../../src/sim/contracts.js';
import { createKubeApi } from '../../../src/sim/kube/index.js';
import { HttpsSim } from '../../../src/sim/server.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { until } from '../../helpers/until.js';

let certs: Promise<SimCertificates> | undefined;

/** A small hand-written cluster: 3 nodes, web (3 replicas), db (1 replica + strict PDB), a DaemonSet. */
export function smallCluster(): KubeObject[] {
  const node = (i: number): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: `aks-nodepool1-12345678-vmss00000${i}`,
      labels: {
        'kubernetes.io/os': 'linux',
        'kubernetes.azure.com/agentpool': 'nodepool1',
        'kubernetes.azure.com/mode': 'system',
      },
    },
    spec: {},
    status: { addresses: [{ type: 'InternalIP', address: `10.224.0.${4 + i}` }] },
  });
  const template = (app: string): Record<string, unknown> => ({
    metadata: { labels: { app } },
    spec: {
      terminationGracePeriodSeconds: 2,
      containers: [{ name: app, image: `mcr.microsoft.com/${app}:1.0` }],
    },
  });
  const deployment = (name: string, ns: string, replicas: number): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: template(name) },
  });
  return [
    node(0),
    node(1),
    node(2),
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
    deployment('web', 'shop', 3),
    deployment('db', 'shop', 1),
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-proxy', namespace: 'kube-system' },
      spec: { selector: { matchLabels: { app: 'kube-proxy' } }, template: template('kube-proxy') },
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'db-pdb', namespace: 'shop' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'db' } } },
    },
  ];
}

/** A running simulated API server over HTTPS with helpers to call it. */
export interface KubeTestServer {
  https: HttpsSim;
  api: ReturnType<typeof createKubeApi>;
  clock: SimClock;
  baseUrl: string;
  caCert: string;
  /** A kube token for a user in groups. */
  token(user: string, groups?: string[]): string;
  /** One HTTPS call trusting exactly the simulator CA. */
  call(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; contentType?: string; accept?: string },
  ): Promise<{ status: number; body: unknown; headers: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * Starts HttpsSim + the Kubernetes API with the given objects (default: the small cluster). The
 * minor is what `/version` reports, so it picks the kubectl the dispatcher runs.
 */
export async function startKube(
  objects: KubeObject[] = smallCluster(),
  speed = 10,
  minor = '32',
  watchHistory?: number,
): Promise<KubeTestServer> {
  certs ??= makeCertificates();
  const certificates = await certs;
  const clock = new SimClock(speed);
  const https = new HttpsSim({ certificates });
  const api = createKubeApi({
    clock,
    minor,
    tokens: https.tokens,
    ...(watchHistory ? { watchHistory } : {}),
  });
  api.world.load(objects);
  api.register(https);
  const baseUrl = await https.listen();
  const url = new URL(baseUrl);
  const call: KubeTestServer['call'] = (method, path, opts = {}) =>
    new Promise((resolve, reject) => {
      const payload =
        opts.body === undefined
          ? undefined
          : Buffer.isBuffer(opts.body)
            ? opts.body
            : Buffer.from(typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body));
      const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' };
      if (opts.token) headers['authorization'] = `Bearer ${opts.token}`;
      if (payload) headers['content-type'] = opts.contentType ?? 'application/json';
      // Node frames no body of a DELETE by itself (no chunked encoding by default).
      if (payload) headers['content-length'] = String(payload.length);
      const req = httpsRequest(
        {
          host: '127.0.0.1',
          port: url.port,
          method,
          path,
          headers,
          ca: certificates.caCert,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = JSON.parse(text);
            } catch {
              // Not JSON (health endpoints): keep the text.
            }
            resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
          });
        },
      );
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  return {
    https,
    api,
    clock,
    baseUrl,
    caCert: certificates.caCert,
    token: (user, groups = []) => https.tokens.issue({ user, groups, audience: 'kube' }),
    call,
    close: async () => {
      clock.stop();
      await https.close();
    },
  };
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then throws with `what`). */
export function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  return until(check, what, { ms: timeoutMs, everyMs: 50 });
}

/** A throwaway directory with a kubeconfig for the server and token; removed by `cleanup`. */
export function writeKubeconfig(
  server: KubeTestServer,
  token: string,
): { dir: string; path: string; cleanup: () => void } {
  const dir = tempDir('kube-sim-');
  const path = join(dir, 'config');
  const ca = Buffer.from(server.caCert).toString('base64');
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: sim',
      '  cluster:',
      `    server: ${server.baseUrl}`,
      `    certificate-authority-data: ${ca}`,
      'users:',
      '- name: op',
      '  user:',
      `    token: ${token}`,
      'contexts:',
      '- name: sim',
      '  context: {cluster: sim, user: op}',
      'current-context: sim',
      '',
    ].join('\n'),
  );
  return { dir, path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
