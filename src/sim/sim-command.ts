import { createWriteStream } from 'node:fs';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { messageOf } from '../model/errors.js';
import { scenarioFromFiles, type Scenario, type ScenarioFile } from './scenario.js';
import { builtInFiles, importScenario, writeScenario } from './scenario/import.js';
import { simConnectionOf } from './connection-file.js';
import { checkOutputFile, closeQuietly, openRequestLog, writeFailure } from './sim-outputs.js';
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
  /** `az aks show -o json` output to build the scenario from (instead of `scenario`). */
  fromAks?: string;
  /** `kubectl get -o yaml` outputs loaded with `fromAks`. */
  fromObjects?: string[];
  /** Write the scenario's files to this folder and return without serving. */
  dumpScenario?: string;
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
  const scenario = await scenarioFor(options, out);
  if (!scenario) return;
  // Every output is checked before the simulator starts: a bad path is one line, not a stack.
  const kubeconfigOut = options.kubeconfigOut ?? 'aks-runbook-sim.kubeconfig';
  const connectionOut = options.connectionOut ?? 'aks-runbook-sim.json';
  const kubeconfigPath = checkOutputFile('--kubeconfig-out', kubeconfigOut);
  const connectionPath = checkOutputFile('--connection-out', connectionOut);
  const logFile = options.requestLog ? openRequestLog(options.requestLog) : undefined;
  let sim: Simulator;
  try {
    sim = await startSimulator({
      scenario,
      ...(options.port ? { port: options.port } : {}),
      ...(options.speed ? { speed: options.speed } : {}),
    });
  } catch (error) {
    closeQuietly(logFile?.fd);
    throw error;
  }
  const connection = simConnectionOf(sim);
  try {
    await writePrivate('--kubeconfig-out', kubeconfigOut, kubeconfigPath, sim.userKubeconfig());
    await writePrivate(
      '--connection-out',
      connectionOut,
      connectionPath,
      JSON.stringify(connection, null, 2) + '\n',
    );
  } catch (error) {
    closeQuietly(logFile?.fd);
    await sim.close();
    throw error;
  }
  let unsubscribe = (): void => undefined;
  const log = logFile ? createWriteStream('', { fd: logFile.fd, flags: 'a' }) : undefined;
  if (log) {
    // A write that fails later (disk full) is said once on stdout; the simulator keeps serving.
    log.once('error', (error) => {
      off();
      out.write(`Request log ${logFile!.path} stopped: ${messageOf(error).split('\n')[0]}\n`);
    });
    const off = sim.log.subscribe((e) => {
      if (log.destroyed) return;
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
      ...(sim.clusters.length > 1
        ? [
            `  More:          ${sim.clusters.length - 1} more clusters, each its own API server, through the same ARM endpoint`,
            `  Inventory:     aks-runbook fleet inventory --sim-connection ${connectionPath}`,
          ]
        : []),
      ...sim.fleets.map(
        (f) =>
          `  Fleet:         ${f.spec.name} (aks-runbook fleet run plan --sim-connection ${connectionPath} --kubernetes-version <version>)`,
      ),
      ...(logFile ? [`  Request log:   ${logFile.path}`] : []),
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

/** Writes a file only its owner can read (it holds a token); a failure names the flag. */
async function writePrivate(
  flag: string,
  given: string,
  path: string,
  text: string,
): Promise<void> {
  try {
    await writeFile(path, text, { mode: 0o600 });
    await chmod(path, 0o600);
  } catch (error) {
    throw writeFailure(flag, given, error);
  }
}

/**
 * The scenario to serve: a built-in name, a folder, or one imported from `--from-aks`; with
 * `--dump-scenario` its files are written instead and nothing is served (undefined).
 */
async function scenarioFor(
  options: SimCommandOptions,
  out: Out,
): Promise<string | Scenario | undefined> {
  let files: ScenarioFile[] | undefined;
  if (options.fromAks) {
    const read = async (path: string): Promise<ScenarioFile> => ({
      name: path,
      text: await readFile(path, 'utf8'),
    });
    const imported = importScenario(
      await read(options.fromAks),
      await Promise.all((options.fromObjects ?? []).map(read)),
    );
    for (const [kind, n] of imported.skipped)
      out.write(
        `Left out ${n} ${kind} object${n === 1 ? '' : 's'}: the simulator does not serve that kind.\n`,
      );
    files = imported.files;
  }
  if (options.dumpScenario) {
    const name = options.scenario ?? 'demo';
    files ??= builtInFiles(name);
    if (!files)
      throw new Error(
        `--dump-scenario writes a built-in or imported scenario; "${name}" is a folder already`,
      );
    const written = await writeScenario(resolve(options.dumpScenario), files);
    out.write(
      `Wrote the scenario to ${resolve(options.dumpScenario)} (${written.map((p) => basename(p)).join(', ')}).\n`,
    );
    return undefined;
  }
  return files ? scenarioFromFiles('imported', files) : (options.scenario ?? 'demo');
}
