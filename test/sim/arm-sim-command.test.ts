// `aks-runbook sim`'s logic: kubeconfig file (0600), printed coordinates, JSONL request log, clean stop.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/model/errors.js';
import { readSimConnection } from '../../src/sim/connection-file.js';
import { runSimCommand } from '../../src/sim/sim-command.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { sdkClient, waitFor } from './arm-helpers.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('runSimCommand', () => {
  it('writes the kubeconfig, prints how to connect, logs requests, stops on abort', async (ctx) => {
    const dir = tempDir('sim-cmd-');
    const kubeconfigOut = join(dir, 'kc.yaml');
    const requestLog = join(dir, 'requests.jsonl');
    const controller = new AbortController();
    let printed = '';
    let sim: Simulator | undefined;
    const run = runSimCommand(
      {
        scenario: 'minimal',
        kubeconfigOut,
        requestLog,
        speed: 1000,
        signal: controller.signal,
        onReady: (s) => (sim = s),
      },
      { write: (t) => (printed += t) },
    );
    const failed = await Promise.race([
      run.then(
        () => undefined,
        (e: unknown) => e,
      ),
      waitFor(() => sim, 15_000, 'simulator').then(() => undefined),
    ]);
    if (failed instanceof Error && /not built yet/.test(failed.message))
      return ctx.skip('Kubernetes half not built yet');
    const s = await waitFor(() => sim, 15_000, 'simulator');
    expect(statSync(kubeconfigOut).mode & 0o777).toBe(0o600);
    expect(readFileSync(kubeconfigOut, 'utf8')).toContain(`server: ${s.baseUrl}`);
    expect(printed).toContain(
      `--subscription ${s.arm.subscriptionId} -g rg-minimal -n aks-minimal`,
    );
    expect(printed).toContain(`kubectl --kubeconfig ${kubeconfigOut}`);
    await sdkClient(s.baseUrl, s.caCert, s.arm.token, s.arm.subscriptionId).managedClusters.get(
      'rg-minimal',
      'aks-minimal',
    );
    controller.abort();
    await run;
    const lines = readFileSync(requestLog, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(-1)).toMatchObject({ method: 'GET', effect: 'read', status: 200, api: 'arm' });
    expect(printed).toContain('Simulator stopped.');
  });
});

describe('aks-runbook sim: outputs that cannot be written are one line, before the simulator starts', () => {
  const run = (options: Parameters<typeof runSimCommand>[0]) =>
    runSimCommand({ scenario: 'minimal', ...options }, { write: () => undefined });

  it('--request-log naming a folder', async () => {
    const dir = tempDir('sim-out-');
    const error = await run({
      kubeconfigOut: join(dir, 'kc'),
      connectionOut: join(dir, 'c.json'),
      requestLog: dir,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `--request-log ${dir} is a folder; give a file name (e.g. ${dir}/out.jsonl)`,
    );
    expect(existsSync(join(dir, 'kc'))).toBe(false);
  });

  it('--request-log into a missing folder', async () => {
    const dir = tempDir('sim-out-');
    const error = await run({
      kubeconfigOut: join(dir, 'kc'),
      connectionOut: join(dir, 'c.json'),
      requestLog: join(dir, 'no', 'r.jsonl'),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      `--request-log ${join(dir, 'no', 'r.jsonl')}: the folder ${join(dir, 'no')} does not exist; create it first`,
    );
  });

  it('--kubeconfig-out into a missing folder', async () => {
    const dir = tempDir('sim-out-');
    const error = await run({
      kubeconfigOut: join(dir, 'missing', 'kc'),
      connectionOut: join(dir, 'c.json'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `--kubeconfig-out ${join(dir, 'missing', 'kc')}: the folder ${join(dir, 'missing')} does not exist; create it first`,
    );
  });

  it('--connection-out into a missing folder', async () => {
    const dir = tempDir('sim-out-');
    const error = await run({
      kubeconfigOut: join(dir, 'kc'),
      connectionOut: join(dir, 'missing', 'c.json'),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^--connection-out .*: the folder .* does not exist/);
    expect(existsSync(join(dir, 'kc'))).toBe(false);
  });

  it('--connection-out writes the file --sim-connection reads (mode 600)', async () => {
    const dir = tempDir('sim-out-');
    const connectionOut = join(dir, 'conn.json');
    const controller = new AbortController();
    let up: Simulator | undefined;
    const running = runSimCommand(
      {
        scenario: 'minimal',
        kubeconfigOut: join(dir, 'kc'),
        connectionOut,
        signal: controller.signal,
        onReady: (s) => (up = s),
      },
      { write: () => undefined },
    );
    const s = await waitFor(() => up, 15_000, 'simulator');
    expect(statSync(connectionOut).mode & 0o777).toBe(0o600);
    const read = await readSimConnection(connectionOut);
    expect(read).toMatchObject({ armEndpoint: s.arm.endpoint, name: s.arm.name });
    // Its clock speed too: a program reading it counts AKS's timeouts down at the simulator's pace.
    expect(read.clockSpeed).toBe(s.clock.speed);
    controller.abort();
    await running;
  });
});
