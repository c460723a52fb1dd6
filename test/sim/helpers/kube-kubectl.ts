import { execFile, spawn } from 'node:child_process';
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

/** A kubectl that keeps running (`get -w`): its output so far, and how to stop it. */
export interface KubectlStream {
  /** Resolves with the output once `until` holds for it (rejects after `timeoutMs`). */
  waitFor(until: (stdout: string) => boolean, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Starts a long-running kubectl (same isolation as `kubectl`); stop() ends it and waits for it. */
export function kubectlStream(
  args: string[],
  env: { kubeconfig: string; home: string },
): KubectlStream {
  const child = spawn(
    KUBECTL,
    ['--kubeconfig', env.kubeconfig, '--cache-dir', join(env.home, 'cache'), ...args],
    { env: { PATH: '/usr/bin:/bin', HOME: env.home, TMPDIR: env.home, NO_COLOR: '1' } },
  );
  let out = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    for (const w of waiters) w();
  });
  child.stderr.resume();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    waitFor: (until, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (!until(out)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(out);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`kubectl ${args.join(' ')} printed only:\n${out}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
