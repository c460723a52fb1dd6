// Vitest globalSetup: the suite gets a temp directory of its own (TMPDIR, inherited by the test
// workers and every program they start), and fails loudly if anything is left in it, or any
// process still runs with it, when the suite ends. Other runs on the machine do not disturb it.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function setup(): () => Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'aks-runbook-test-'));
  process.env['TMPDIR'] = root;
  // The built program enables Node's compile cache (default: in TMPDIR). Keep it warm across runs
  // in the project instead: a cold one slows every start of the program in the tests.
  process.env['NODE_COMPILE_CACHE'] ??= fileURLToPath(
    new URL('../../node_modules/.cache/node-compile-cache', import.meta.url),
  );
  return async () => {
    const running = await lingering(root);
    const left = readdirSync(root);
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    const problems = [
      ...left.map((entry) => `left in the temp directory: ${entry}`),
      ...running.map((p) => `still running: ${p}`),
    ];
    if (problems.length > 0) {
      throw new Error(
        `the suite did not clean up after itself (${root}, now removed):\n  ${problems.join('\n  ')}`,
      );
    }
  };
}

/** Processes started with this TMPDIR that are still alive after a grace period (Linux /proc). */
async function lingering(root: string): Promise<string[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const found = processesWith(`TMPDIR=${root}`);
    if (found.length === 0 || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function processesWith(variable: string): string[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid);
  } catch {
    return []; // no /proc: nothing to check
  }
  return pids.flatMap((pid) => {
    try {
      const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
      if (!env.includes(variable)) return [];
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      // The runner's own helper (its process title starts with "vitest") is not ours.
      return command.startsWith('vitest') ? [] : [`${pid} ${command}`];
    } catch {
      return []; // gone meanwhile, or not ours to read
    }
  });
}
