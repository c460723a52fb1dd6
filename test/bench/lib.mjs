// Shared helpers of the benchmark: statistics, alternating runs, timed child processes with peak RSS.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The median of a list of numbers (the lower middle for an even count). */
export const median = (xs) => {
  const sorted = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : undefined;
};

/** Median and range of a list, for the JSON file. */
export const summary = (xs) => {
  const ok = xs.filter((x) => typeof x === 'number');
  return { median: median(ok), min: Math.min(...ok), max: Math.max(...ok), runs: ok };
};

const folders = new Set();
const children = new Set();

/** A fresh temporary folder, removed when the bench process exits. */
export const tempDir = (prefix) => {
  const dir = mkdtempSync(join(tmpdir(), `aks-bench-${prefix}-`));
  folders.add(dir);
  return dir;
};

/** Registers a child process to be killed if it still runs when the bench exits. */
export const track = (child) => {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
};

// Whatever way the bench ends (done, failed, or a signal turned into an exit by run.mjs).
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs `a` and `b` alternately `runs` times each (a, b, b, a, a, b, ...) so drift in machine load
 * hits both sides alike; resolves to both lists of results.
 */
export async function alternate(runs, a, b) {
  const left = [];
  const right = [];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? [a, b] : [b, a];
    for (const side of order) (side === a ? left : right).push(await side(i));
  }
  return [left, right];
}

const GNU_TIME = '/usr/bin/time';

/**
 * Spawns a command, resolving to wall time (spawn to exit), exit code and the child's peak RSS
 * in MiB: GNU time's maximum resident set size where installed, else VmHWM read from /proc while
 * it runs (a lower bound by the last sampling interval). With GNU time also its CPU time (user +
 * system seconds, `cpuS`).
 */
export function timed(command, args, { env = process.env, cwd, stdout = 'ignore' } = {}) {
  return new Promise((resolve, reject) => {
    const useTime = existsSync(GNU_TIME);
    const rssFile = join(tempDir('rss'), 'rss');
    const [cmd, argv] = useTime
      ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]]
      : [command, args];
    const started = performance.now();
    const child = track(spawn(cmd, argv, { env, cwd, stdio: ['ignore', stdout, 'pipe'] }));
    let stderr = '';
    let out = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout?.on('data', (d) => (out += d));
    let sampledKb = 0;
    const sampler = useTime
      ? undefined
      : setInterval(() => (sampledKb = Math.max(sampledKb, vmHwmKb(child.pid))), 10);
    child.on('error', reject);
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      if (sampler) clearInterval(sampler);
      // GNU time's last line (a line before it says when the command failed): "KB USER SYS".
      const [kb, user, system] = useTime
        ? readFileSync(rssFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number)
        : [sampledKb];
      const cpuS = useTime ? user + system : undefined;
      resolve({ wallMs, code, peakRssMb: kb / 1024, cpuS, stderr, stdout: out });
    });
  });
}

function vmHwmKb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/);
    return line ? Number(line[1]) : 0;
  } catch {
    return 0;
  }
}

/** The one-minute load average and core count, said next to every figure of a run. */
export function machineLoad() {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}
