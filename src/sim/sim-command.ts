import { createWriteStream } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SimConnection } from './connection-file.js';
import { startSimulator, type Simulator } from './simulator.js';

/** Options of `aks-runbook sim` (the CLI parses argv and hands these over). */
export interface SimCommandOptions {
  /** Built-in scenario name or path (default `demo`). */
  scenario?: string;
  port?: number;
  /** Where to write the kubeconfig (default `./aks-runbook-sim.kubeconfig`). */
  kubeconfigOut?: string;
  /** Where to write the connection file for a second aks-runbook (default `./aks-runbook-sim.json`). */
  connectionOut?: string;
  /** Append every request as a JSON line here. */
  requestLog?: string;
  speed?: number;
  /** Stops the simulator when aborted (tests; the command itself listens to SIGINT/SIGTERM). */
  signal?: AbortSignal;
  /** Called once the simulator is up (tests). */
  onReady?: (sim: Simulator) => void;
}

/** Where the command prints. */
export interface Out {
  write(text: string): void;
}

/** Runs the simulated AKS in the foreground until SIGINT/SIGTERM (or `signal`), then stops cleanly. */
export async function runSimCommand(options: SimCommandOptions, out: Out): Promise<void> {
  const sim = await startSimulator({
    scenario: options.scenario ?? 'demo',
    ...(options.port ? { port: options.port } : {}),
    ...(options.speed ? { speed: options.speed } : {}),
  });
  const kubeconfigPath = resolve(options.kubeconfigOut ?? 'aks-runbook-sim.kubeconfig');
  await writeFile(kubeconfigPath, sim.userKubeconfig(), { mode: 0o600 });
  await chmod(kubeconfigPath, 0o600);
  const connectionPath = resolve(options.connectionOut ?? 'aks-runbook-sim.json');
  const connection: SimConnection = {
    armEndpoint: sim.arm.endpoint,
    caCert: sim.caCert,
    armToken: sim.arm.token,
    subscriptionId: sim.arm.subscriptionId,
    resourceGroup: sim.arm.resourceGroup,
    name: sim.arm.name,
  };
  await writeFile(connectionPath, JSON.stringify(connection, null, 2) + '\n', { mode: 0o600 });
  await chmod(connectionPath, 0o600);
  let unsubscribe = (): void => undefined;
  const log = options.requestLog
    ? createWriteStream(resolve(options.requestLog), { flags: 'a' })
    : undefined;
  if (log) {
    const off = sim.log.subscribe((e) => {
      log.write(
        `${JSON.stringify({ time: e.time, api: e.api, method: e.method, path: e.path, query: e.query, effect: e.effect, status: e.status })}\n`,
      );
    });
    unsubscribe = () => void off();
  }
  // Listening before saying "Press Ctrl+C", and until the very end: a Ctrl+C right after that
  // line, or a second one while closing (npm or a launcher passing the terminal's signal on
  // again), must still end in a clean stop.
  let stop = (): void => undefined;
  const stopped = new Promise<void>((done) => (stop = done));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const { subscriptionId, resourceGroup, name } = sim.arm;
  out.write(
    [
      `Simulated AKS cluster "${name}" (scenario ${sim.scenario.name}, clock x${sim.clock.speed}) is running.`,
      `  ARM endpoint:  ${sim.arm.endpoint}`,
      `  Cluster:       --subscription ${subscriptionId} -g ${resourceGroup} -n ${name}`,
      `  Kubeconfig:    ${kubeconfigPath}`,
      `  Try:           kubectl --kubeconfig ${kubeconfigPath} get nodes`,
      `  And:           aks-runbook --sim-connection ${connectionPath} --subscription ${subscriptionId} -g ${resourceGroup} -n ${name}`,
      ...(options.requestLog ? [`  Request log:   ${resolve(options.requestLog)}`] : []),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  options.onReady?.(sim);
  try {
    if (options.signal?.aborted) stop();
    else options.signal?.addEventListener('abort', stop, { once: true });
    await stopped;
    options.signal?.removeEventListener('abort', stop);
    unsubscribe();
    await sim.close();
    if (log) await new Promise<void>((r) => log.end(r));
    out.write('Simulator stopped.\n');
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
