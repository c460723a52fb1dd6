// Every wait has a bound: a credential plugin that hangs, a server that accepts and never answers,
// a web page where the API server should be, and ARM asking for Retry-After: 600. Each ends
// within its documented time limit (set small here through the documented environment variables)
// with one line that says what happened and what to do.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/cli/run-audit.js';
import { createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { throttleWithoutRetryAfter } from '../../src/azure/throttle-retry.js';
import { createContainerServiceClient } from '../../src/azure/client.js';
import { fixedTokenCredential } from '../../src/target/credential.js';
import { backoff, DEFAULT_KUBE_RETRY } from '../../src/kube/retry.js';
import { BOUND_ENV, DEFAULT_BOUNDS, waitLine, type WaitNotice } from '../../src/model/bounds.js';
import { FaultError } from '../../src/model/errors.js';
import { AUDIT_STEPS } from '../../src/report/audit-steps.js';
import type { AuditReport } from '../../src/report/audit-schema.js';
import type { StepId } from '../../src/model/checklist.js';
import { makeCertificates } from '../../src/sim/cert.js';
import { simConnectionOf } from '../../src/sim/connection-file.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { tempDir } from '../helpers/temp-dir.js';
import { renderToString } from 'ink';
import { Header } from '../../screens/Header.js';
import { until } from './fault-rig.js';
import { session } from './walk.js';

let sim: Simulator | undefined;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  for (const close of closers.splice(0)) await close();
});

const ca = await makeCertificates();

/** A kubeconfig for `server` with `user`, trusting the throwaway CA. */
function kubeconfigFor(server: string, user: Record<string, unknown>): string {
  const file = join(tempDir('bounds-'), 'config');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'here',
    clusters: [
      {
        name: 'c',
        cluster: {
          server,
          'certificate-authority-data': Buffer.from(ca.caCert).toString('base64'),
        },
      },
    ],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'here', context: { cluster: 'c', user: 'u' } }],
  };
  writeFileSync(file, JSON.stringify(config), { mode: 0o600 });
  return file;
}

/** `aks-runbook audit` in-process on a kubeconfig; resolves to how it ended and how long it took. */
async function auditKubeconfig(file: string, env: NodeJS.ProcessEnv) {
  const started = Date.now();
  const ended = await runAudit(
    { cloud: 'AzureCloud', demo: false, kubeconfig: file },
    { steps: ['rbac'], output: 'json', failOn: 'high' },
    { XDG_STATE_HOME: tempDir('bounds-state-'), ...env },
    { out: () => undefined, err: () => undefined, progress: false },
  ).then(
    (code) => ({ code, error: undefined }),
    (error: unknown) => ({ code: undefined, error: error as Error }),
  );
  return { ...ended, ms: Date.now() - started };
}

/** A TCP listener on 127.0.0.1 that accepts connections and never says a word. */
async function silentServer(): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return (server.address() as { port: number }).port;
}

describe('bounds: nothing waits without a limit', () => {
  it('an exec credential plugin that hangs is killed at the credential time limit', async () => {
    const dir = tempDir('hang-plugin-');
    const pidFile = join(dir, 'pid');
    const plugin = join(dir, 'hang.mjs');
    writeFileSync(
      plugin,
      `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);\n`,
    );
    const port = await silentServer();
    const file = kubeconfigFor(`https://127.0.0.1:${port}`, {
      exec: {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: process.execPath,
        args: [plugin],
        interactiveMode: 'Never',
      },
    });
    const { error, ms } = await auditKubeconfig(file, { [BOUND_ENV.credentialMs]: '1' });
    expect(error).toBeInstanceOf(FaultError);
    expect((error as FaultError).kind).toBe('timeout');
    expect(error!.message).toMatch(
      /^getting credentials for user "u" took longer than 1 s \(an exec plugin or a token request did not answer\); .*raise the time limit/,
    );
    expect(error!.message.split('\n')).toHaveLength(1);
    // Within the limit (1 s) plus a little, never the old unbounded hang.
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(6_000);
    // The plugin itself was killed, not left behind.
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await expect.poll(() => alive(pid), { timeout: 5_000 }).toBe(false);
  }, 30_000);

  it('a server that accepts and never answers ends at the request time limit', async () => {
    const port = await silentServer();
    const file = kubeconfigFor(`https://127.0.0.1:${port}`, { token: 'not-a-real-token' });
    const { error, ms } = await auditKubeconfig(file, { [BOUND_ENV.requestMs]: '1' });
    expect(error).toBeInstanceOf(FaultError);
    expect((error as FaultError).kind).toBe('timeout');
    expect(error!.message).toMatch(/the API server did not answer in time \(within 1 s\)/);
    expect(error!.message).not.toContain('not-a-real-token');
    // Not retried after a full timeout: one limit, not four.
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(6_000);
  }, 30_000);

  it('an ARM endpoint that accepts and never answers ends at the request time limit', async () => {
    const port = await silentServer();
    const client = createContainerServiceClient({
      credential: fixedTokenCredential('not-a-real-token'),
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      cloud: 'AzureCloud',
      endpoint: `https://127.0.0.1:${port}`,
      caCert: ca.caCert,
      mode: { readOnly: true, dryRun: false },
      bounds: { ...DEFAULT_BOUNDS, requestMs: 1_000 },
    });
    const started = Date.now();
    const error = await client.managedClusters.get('rg', 'aks').then(
      () => new Error('answered'),
      (e: unknown) => e as Error,
    );
    const ms = Date.now() - started;
    expect(error).toBeInstanceOf(FaultError);
    expect((error as FaultError).kind).toBe('timeout');
    expect(error.message).toMatch(/^Azure Resource Manager did not answer within 1 s; /);
    // One attempt: the SDK's retry does not ask again after a full time limit.
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(6_000);
  }, 30_000);

  it('a web page where the API server should be is "not Kubernetes", not a crash', async () => {
    const server = createHttpsServer({ cert: ca.cert, key: ca.key }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<html><body>Sign in to Contoso</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const port = (server.address() as { port: number }).port;
    const file = kubeconfigFor(`https://127.0.0.1:${port}`, { token: 'abc' });
    const { error } = await auditKubeconfig(file, {});
    expect(error).toBeInstanceOf(FaultError);
    expect((error as FaultError).kind).toBe('not-kubernetes');
    expect(error!.message).toMatch(
      /answered a web page \(HTTP 200\), not the Kubernetes API; something else answered \(a proxy or a sign-in page\?\)/,
    );
    expect(error!.message).not.toMatch(/is not iterable/);
  }, 30_000);
});

describe('bounds: Retry-After honoured up to a cap', () => {
  /** An audit of the simulator with ARM answering 429 Retry-After: 600 on the upgrade profiles. */
  async function throttledArm(env: NodeJS.ProcessEnv, progress: boolean) {
    sim = await startSimulator({
      scenario: 'demo',
      faults: {
        api: 'arm',
        throttle: 1,
        throttleRetryAfter: 600,
        pathPattern: '/upgradeProfiles/',
      },
    });
    const file = join(tempDir('arm-600-'), 'sim.json');
    writeFileSync(file, JSON.stringify(simConnectionOf(sim)));
    let out = '';
    let err = '';
    const started = Date.now();
    const code = await runAudit(
      { cloud: 'AzureCloud', demo: false, simConnection: file },
      { steps: ['upgrades'] as StepId[], output: 'json', failOn: 'high' },
      { XDG_STATE_HOME: tempDir('arm-600-state-'), ...env },
      { out: (t) => (out += t), err: (t) => (err += t), progress },
    );
    const throttled = sim.log.entries.filter(
      (e) => e.api === 'arm' && e.status === 429 && e.path.includes('/upgradeProfiles/'),
    );
    return {
      code,
      report: JSON.parse(out) as AuditReport,
      err,
      ms: Date.now() - started,
      throttled,
    };
  }

  it('ARM Retry-After: 600 is capped: a few short waits, then the step is a throttled hole', async () => {
    const { code, report, ms, throttled } = await throttledArm(
      { [BOUND_ENV.retryWaitMaxMs]: '0.2' },
      false,
    );
    expect(AUDIT_STEPS.map((s) => s.id)).toContain('upgrades');
    expect(code).toBe(2);
    expect(report.steps[0]).toMatchObject({ id: 'upgrades', errorKind: 'throttled' });
    expect(report.steps[0]!.reason).toMatch(/kept throttling requests \(429\) after the retries/);
    expect(report.steps[0]!.reason).not.toMatch(/forbidden|read access|HTTP-Code/);
    // At most four attempts of ours per profile read, none repeated by the SDK's own retry (the
    // final 429 leaves with no Retry-After for it to honour). Reads running beside the one that
    // failed the step may still be between attempts when the audit ends.
    const perPath = new Map<string, number>();
    for (const e of throttled) perPath.set(e.path, (perPath.get(e.path) ?? 0) + 1);
    expect(Math.max(...perPath.values())).toBe(4);
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it('a wait of a few seconds or more is printed on stderr when it is a terminal', async () => {
    const { code, err } = await throttledArm({ [BOUND_ENV.retryWaitMaxMs]: '3' }, true);
    expect(code).toBe(2);
    expect(err).toContain(
      'Azure Resource Manager is throttling (429): waiting 3 s before asking again',
    );
  }, 30_000);
});

describe('bounds: a long wait is shown in the TUI', () => {
  it('a 429 with Retry-After 3 puts the wait in the header line while it lasts', async () => {
    sim = await startSimulator({
      scenario: 'demo',
      faults: {
        api: 'kube',
        throttle: 1,
        throttleRetryAfter: 3,
        pathPattern: '^/apis/rbac\\.authorization\\.k8s\\.io/',
      },
    });
    const file = join(tempDir('tui-wait-'), 'sim.json');
    writeFileSync(file, JSON.stringify(simConnectionOf(sim)));
    const { store, running } = await session(file, { readOnly: true });
    closers.push(() => running.stop());
    const shown = await until(() => store.getState().waiting, 'a wait in the header', 20_000);
    expect(shown).toBe('the API server is throttling (429): waiting 3 s before asking again');
    const frame = renderToString(
      <Header cluster="aks-shop-prod" mode={store.getState().mode} waiting={shown} width={120} />,
      { columns: 120 },
    );
    expect(frame).toContain('aks-shop-prod · the API server is throttling (429): waiting 3 s');
  }, 30_000);
});

describe('bounds: the caps themselves, at their defaults', () => {
  it('ARM: Retry-After 600 waits 8 s at most, each wait shown; the SDK is left no Retry-After', async () => {
    const sleeps: number[] = [];
    const waits: WaitNotice[] = [];
    const policy = throttleWithoutRetryAfter({
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      onWait: (w) => waits.push(w),
    });
    const request = createPipelineRequest({ url: 'https://127.0.0.1/x', method: 'GET' });
    const response = await policy.sendRequest(request, () =>
      Promise.resolve({
        request,
        status: 429,
        headers: createHttpHeaders({ 'retry-after': '600' }),
      }),
    );
    expect(sleeps).toEqual([8_000, 8_000, 8_000]);
    expect(waits.map(waitLine)).toEqual(
      Array(3).fill('Azure Resource Manager is throttling (429): waiting 8 s before asking again'),
    );
    expect(response.status).toBe(429);
    expect(response.headers.has('retry-after')).toBe(false);
  });

  it('ARM: a Retry-After the SDK will honour (a poller, a 503) is capped too', async () => {
    const policy = throttleWithoutRetryAfter({ sleep: () => Promise.resolve() });
    const request = createPipelineRequest({ url: 'https://127.0.0.1/x', method: 'GET' });
    const response = await policy.sendRequest(request, () =>
      Promise.resolve({
        request,
        status: 202,
        headers: createHttpHeaders({ 'retry-after': '600', 'retry-after-ms': '600000' }),
      }),
    );
    expect(response.headers.get('retry-after')).toBe('8');
    expect(response.headers.has('retry-after-ms')).toBe(false);
  });

  it('Kubernetes: Retry-After 600 waits the same 8 s at most', () => {
    expect(backoff(DEFAULT_KUBE_RETRY, 1, '600')).toBe(8_000);
    expect(DEFAULT_BOUNDS.retryWaitMaxMs).toBe(DEFAULT_KUBE_RETRY.maxDelayMs);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
