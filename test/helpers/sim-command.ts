// `aks-runbook sim` running inside the test process, as a trainee's first terminal: the files it
// writes (kubeconfig, connection file) are what a second program uses to reach it.
import { join } from 'node:path';
import { runSimCommand } from '../../src/sim/sim-command.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { tempDir } from './temp-dir.js';

/** A running `aks-runbook sim` and the files it wrote. */
export interface RunningSim {
  sim: Simulator;
  /** The `--sim-connection` file. */
  connectionFile: string;
  kubeconfigFile: string;
  /** Stops the simulator as Ctrl+C would, and waits until it has. */
  stop: () => Promise<void>;
}

/** Starts `aks-runbook sim --scenario <scenario>` in this process; files go to `dir` (a new one if absent). */
export async function startSimCommand(
  scenario = 'demo',
  options: { speed?: number; dir?: string; name?: string } = {},
): Promise<RunningSim> {
  const dir = options.dir ?? tempDir('sim-');
  const name = options.name ?? 'sim';
  const abort = new AbortController();
  const connectionFile = join(dir, `${name}.json`);
  const kubeconfigFile = join(dir, `${name}.kubeconfig`);
  let ready: (s: Simulator) => void = () => undefined;
  const up = new Promise<Simulator>((resolve) => (ready = resolve));
  const running = runSimCommand(
    {
      scenario,
      ...(options.speed ? { speed: options.speed } : {}),
      kubeconfigOut: kubeconfigFile,
      connectionOut: connectionFile,
      signal: abort.signal,
      onReady: ready,
    },
    { write: () => undefined },
  );
  const sim = await Promise.race([
    up,
    running.then(() => Promise.reject(new Error('sim stopped early'))),
  ]);
  return {
    sim,
    connectionFile,
    kubeconfigFile,
    stop: async () => {
      abort.abort();
      await running;
    },
  };
}
