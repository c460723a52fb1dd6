// Startup: aks-runbook --demo against a bare Ink + React hello, both cold processes in a real
// pseudo-terminal (util-linux `script`), compile cache off, alternating; then again with each side
// given a warm compile cache of its own. Milestones come from AKS_RUNBOOK_TIMINGS (in-process
// performance.now(), i.e. since the process started, and the CPU time used by then). A third side,
// the same hello bundled with our esbuild options, is the floor: what React, Ink and Yoga alone
// cost the way we ship them.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { esmBundleOptions } from '../../scripts/bundle-options.mjs';
import { summary, tempDir, track } from './lib.mjs';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/aks-runbook.js');
const hello = join(root, 'test/bench/fixtures/ink-hello.mjs');

/** One cold start in a pty; resolves to the in-process milestones and wall times. */
function once(script, { quitOnConnected, cache }) {
  return new Promise((resolve, reject) => {
    const dir = tempDir('startup');
    const timings = join(dir, 'timings.jsonl');
    const started = performance.now();
    const child = track(
      spawn('script', ['-qfec', `${process.execPath} ${script}`, '/dev/null'], {
        cwd: root,
        env: {
          ...process.env,
          ...(cache ? { NODE_COMPILE_CACHE: cache } : { NODE_DISABLE_COMPILE_CACHE: '1' }),
          AKS_RUNBOOK_TIMINGS: timings,
          XDG_STATE_HOME: dir,
          COLUMNS: '100',
          LINES: '30',
        },
        stdio: ['pipe', 'pipe', 'inherit'],
      }),
    );
    let firstOutputMs;
    let connectedSeenMs;
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script}: no milestone within 60 s`));
    }, 60_000);
    child.stdout.on('data', () => (firstOutputMs ??= performance.now() - started));
    // The program writes its milestones itself; look every few milliseconds.
    const poll = setInterval(() => {
      if (!quitOnConnected || connectedSeenMs !== undefined) return;
      if (read(timings).some((l) => l.event === 'connected')) {
        connectedSeenMs = performance.now() - started;
        child.stdin.write('q');
      }
    }, 5);
    child.on('exit', () => {
      clearTimeout(deadline);
      clearInterval(poll);
      const marks = read(timings);
      resolve({
        firstFrameMs: marks.find((l) => l.event === 'first-frame')?.ms,
        firstFrameCpuMs: marks.find((l) => l.event === 'first-frame')?.cpuMs,
        connectedMs: marks.find((l) => l.event === 'connected')?.ms,
        firstOutputMs,
        connectedSeenMs,
      });
    });
  });
}

function read(file) {
  try {
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}

/** Runs each side `runs` times, rotating the order so drift in load hits every side alike. */
async function rotate(runs, sides) {
  const results = sides.map(() => []);
  for (let i = 0; i < runs; i++) {
    const order = sides.map((_, at) => (at + i) % sides.length);
    for (const at of order) results[at].push(await sides[at]());
  }
  return results;
}

/** The hello bundled as we bundle the CLI; resolves to the bundle's path. */
async function bundledHello() {
  const outdir = tempDir('hello-bundle');
  await build({ ...esmBundleOptions({ hello }, outdir), logLevel: 'error' });
  return join(outdir, 'hello.js');
}

/** Runs the startup comparison; resolves to its rows for the table and the JSON file. */
export async function benchStartup(runs) {
  const floor = await bundledHello();
  const sides = (caches = {}) => [
    () => once(`${bin} --demo`, { quitOnConnected: true, cache: caches.ours }),
    () => once(hello, { quitOnConnected: false, cache: caches.hello }),
    () => once(floor, { quitOnConnected: false, cache: caches.floor }),
  ];
  // Warm the page cache; not counted.
  for (const side of sides()) await side();
  const [ours, base, bundled] = await rotate(runs, sides());
  // Warm: each side with a compile cache of its own, filled by one run that is not counted.
  const caches = {
    ours: tempDir('cache-ours'),
    hello: tempDir('cache-hello'),
    floor: tempDir('cache-floor'),
  };
  for (const side of sides(caches)) await side();
  const [warmOurs, warmBase, warmBundled] = await rotate(runs, sides(caches));
  const pick = (list, key) => summary(list.map((r) => r[key]));
  return {
    warmFirstFrameMs: pick(warmOurs, 'firstFrameMs'),
    helloWarmFirstFrameMs: pick(warmBase, 'firstFrameMs'),
    floorWarmFirstFrameMs: pick(warmBundled, 'firstFrameMs'),
    helloFirstFrameMs: pick(base, 'firstFrameMs'),
    floorFirstFrameMs: pick(bundled, 'firstFrameMs'),
    helloFirstOutputMs: pick(base, 'firstOutputMs'),
    firstFrameMs: pick(ours, 'firstFrameMs'),
    firstFrameCpuMs: pick(ours, 'firstFrameCpuMs'),
    helloFirstFrameCpuMs: pick(base, 'firstFrameCpuMs'),
    floorFirstFrameCpuMs: pick(bundled, 'firstFrameCpuMs'),
    firstOutputMs: pick(ours, 'firstOutputMs'),
    connectedMs: pick(ours, 'connectedMs'),
    connectedSeenMs: pick(ours, 'connectedSeenMs'),
  };
}
