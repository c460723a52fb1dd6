// Runs the CLI in this process (as the bin does, minus the process) against a simulator started
// here, so each case can count the simulator's writes. Every run is bounded by a deadline.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli.js';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../src/sim/simulator.js';
import { tempDir } from '../helpers/temp-dir.js';

/** What one run printed and returned. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `aks-runbook argv…`; fails the test if it does not finish within `deadlineMs`. */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  options: { interactive?: boolean; deadlineMs?: number } = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const home = tempDir('rel-home-');
  const run = main(
    argv,
    {
      HOME: home,
      XDG_STATE_HOME: join(home, 'state'),
      AKS_RUNBOOK_NO_AZURE_SIGNIN: '1',
      PATH: process.env['PATH'],
      ...env,
    },
    {
      out: (t) => (out += t),
      err: (t) => (err += t),
      interactive: options.interactive ?? false,
      progress: false,
    },
  );
  const deadlineMs = options.deadlineMs ?? 45_000;
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`aks-runbook ${argv.join(' ')} hung for ${deadlineMs} ms`)),
      deadlineMs,
    );
  });
  try {
    const code = await Promise.race([run, hung]);
    return { code, out, err };
  } finally {
    clearTimeout(timer);
  }
}

/** The promise for bad input: one line on stderr, our prefix, no stack, the exit code. */
export function expectOneLine(run: CliRun, code: number, says: string | RegExp): void {
  const lines = run.err.trim().split('\n');
  expect(lines, run.err).toHaveLength(1);
  expect(lines[0]).toMatch(/^aks-runbook: /);
  expect(run.err).not.toMatch(/\n\s+at |unexpected failure|TypeError|\[object /);
  if (typeof says === 'string') expect(lines[0]).toContain(says);
  else expect(lines[0]).toMatch(says);
  expect(run.code, run.err).toBe(code);
}

/** A simulator and a connection file for `--sim-connection`, with its coordinates. */
export interface SimTarget {
  sim: Simulator;
  /** Path of a valid connection file. */
  file: string;
  dir: string;
  /** Writes a connection file with some fields replaced. */
  connectionWith(patch: Record<string, unknown>): string;
  /** Writes a kubeconfig file; `mutate` edits the parsed YAML first. */
  kubeconfigFile(mutate?: (kc: string) => string): string;
}

/** Starts a simulator and writes how to reach it. */
export async function simTarget(options: SimulatorOptions = {}): Promise<SimTarget> {
  const sim = await startSimulator({ speed: 600, ...options });
  const dir = tempDir('rel-sim-');
  const connection = {
    armEndpoint: sim.arm.endpoint,
    caCert: sim.caCert,
    armToken: sim.arm.token,
    subscriptionId: sim.arm.subscriptionId,
    resourceGroup: sim.arm.resourceGroup,
    name: sim.arm.name,
  };
  let n = 0;
  const write = (name: string, text: string): string => {
    const file = join(dir, `${n++}-${name}`);
    writeFileSync(file, text, { mode: 0o600 });
    return file;
  };
  return {
    sim,
    dir,
    file: write('sim.json', JSON.stringify(connection)),
    connectionWith: (patch) => write('sim.json', JSON.stringify({ ...connection, ...patch })),
    kubeconfigFile: (mutate = (k) => k) => write('kubeconfig', mutate(sim.userKubeconfig())),
  };
}
