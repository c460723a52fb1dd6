// Startup: aks-runbook --demo against a bare Ink + React hello, both cold processes in a real
// pseudo-terminal (util-linux `script`), compile cache off, alternating; then again with each side
// given a warm compile cache of its own. Milestones come from AKS_RUNBOOK_TIMINGS (in-process
// performance.now(), i.e. since the process started).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { alternate, summary, tempDir, track } from './lib.mjs';

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

/** Runs the startup comparison; resolves to its rows for the table and the JSON file. */
export async function benchStartup(runs) {
  await once(`${bin} --demo`, { quitOnConnected: true }); // warm the page cache; not counted
  await once(hello, { quitOnConnected: false });
  const [ours, base] = await alternate(
    runs,
    () => once(`${bin} --demo`, { quitOnConnected: true }),
    () => once(hello, { quitOnConnected: false }),
  );
  const pick = (list, key) => summary(list.map((r) => r[key]));
  const helloFrame = pick(base, 'firstFrameMs');
  // Warm: each side with a compile cache of its own, filled by one run that is not counted.
  const ourCache = tempDir('cache-ours');
  const helloCache = tempDir('cache-hello');
  const oursWarm = () => once(`${bin} --demo`, { quitOnConnected: true, cache: ourCache });
  const helloWarm = () => once(hello, { quitOnConnected: false, cache: helloCache });
  await oursWarm();
  await helloWarm();
  const [warmOurs, warmBase] = await alternate(runs, oursWarm, helloWarm);
  return {
    warmFirstFrameMs: pick(warmOurs, 'firstFrameMs'),
    helloWarmFirstFrameMs: pick(warmBase, 'firstFrameMs'),
    helloFirstFrameMs: helloFrame,
    helloFirstOutputMs: pick(base, 'firstOutputMs'),
    firstFrameMs: pick(ours, 'firstFrameMs'),
    firstOutputMs: pick(ours, 'firstOutputMs'),
    connectedMs: pick(ours, 'connectedMs'),
    connectedSeenMs: pick(ours, 'connectedSeenMs'),
  };
}
