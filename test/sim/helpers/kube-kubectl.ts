import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const KUBECTL = '/usr/bin/kubectl';

/** What one kubectl run printed and how it ended. */
export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Fails loudly (never skips) when the real kubectl is not installed. */
export function requireKubectl(): void {
  if (!existsSync(KUBECTL)) {
    throw new Error(
      `${KUBECTL} is missing: the kubectl fidelity suite needs the real kubectl 1.32`,
    );
  }
}

/** Runs the real kubectl with an isolated HOME, cache dir and TMPDIR, bounded by `timeoutMs`. */
export function kubectl(
  args: string[],
  env: { kubeconfig: string; home: string },
  timeoutMs = 30_000,
): Promise<KubectlResult> {
  return new Promise((resolve) => {
    execFile(
      KUBECTL,
      ['--kubeconfig', env.kubeconfig, '--cache-dir', join(env.home, 'cache'), ...args],
      {
        timeout: timeoutMs,
        // TMPDIR in the run's own folder: whatever kubectl leaves goes with that folder.
        env: { PATH: '/usr/bin:/bin', HOME: env.home, TMPDIR: env.home, NO_COLOR: '1' },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
