import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempDir } from './temp-dir.js';

/** The built entry point, as a user runs it. `npm test` builds before the tests run. */
export const BIN = new URL('../../bin/aks-runbook.js', import.meta.url).pathname;

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the bin with `args` (no terminal: pipes), bounded by `timeoutMs`. */
export function runBin(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: { node?: string; timeoutMs?: number } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.node ?? process.execPath, [BIN, ...args], {
      env: {
        PATH: process.env['PATH'],
        HOME: isolatedHome(),
        // The suite's own temp directory, so whatever the program leaves there is seen.
        TMPDIR: tmpdir(),
        ...compileCache(),
        AKS_RUNBOOK_NO_AZURE_SIGNIN: '1',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `aks-runbook ${args.join(' ')} did not finish in ${options.timeoutMs ?? 20_000} ms`,
        ),
      );
    }, options.timeoutMs ?? 20_000);
    // 'close', not 'exit': the process may exit before its last output has been read here.
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end();
  });
}

/** Where the program keeps Node's compile cache, when the suite says (test/setup/own-tmpdir.ts). */
export function compileCache(): { NODE_COMPILE_CACHE?: string } {
  const dir = process.env['NODE_COMPILE_CACHE'];
  return dir ? { NODE_COMPILE_CACHE: dir } : {};
}

/** A fresh HOME so nothing of the machine's kubeconfig or Azure login is seen. */
export function isolatedHome(): string {
  return tempDir('aks-runbook-home-');
}

/** Writes a small kubeconfig with one context, `alpha`, and returns its path. */
export function writeKubeconfig(server = 'https://127.0.0.1:1'): string {
  const file = join(tempDir('kc-'), 'config');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      'current-context': 'alpha',
      clusters: [{ name: 'c', cluster: { server } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'alpha', context: { cluster: 'c', user: 'u' } }],
    }),
  );
  return file;
}
