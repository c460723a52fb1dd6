// Startup benchmark: time to the first frame and to "connected" on --demo, in a real terminal.
// Runs the built program under `script` (a pseudo-terminal), COLD runs (fresh process each time,
// compile cache disabled), and reports the median and range. Usage: npm run bench [-- runs]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runs = Number(process.argv[2] ?? 5);
const bin = new URL('../../bin/aks-runbook.js', import.meta.url).pathname;

function once() {
  return new Promise((resolve, reject) => {
    const timings = join(mkdtempSync(join(tmpdir(), 'bench-')), 'timings.jsonl');
    const started = performance.now();
    const child = spawn('script', ['-qfec', `${process.execPath} ${bin} --demo`, '/dev/null'], {
      env: {
        ...process.env,
        NODE_DISABLE_COMPILE_CACHE: '1',
        AKS_RUNBOOK_TIMINGS: timings,
        XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'bench-state-')),
        COLUMNS: '100',
        LINES: '30',
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let firstOutput;
    let connected;
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('no "connected" within 30 s'));
    }, 30_000);
    child.stdout.on('data', () => {
      firstOutput ??= performance.now() - started;
    });
    // The milestone file is written by the program itself; look at it every few milliseconds.
    const poll = setInterval(() => {
      if (connected === undefined && readTimings(timings).some((l) => l.event === 'connected')) {
        connected = performance.now() - started;
        child.stdin.write('q');
      }
    }, 5);
    child.on('exit', () => {
      clearTimeout(deadline);
      clearInterval(poll);
      const inProcess = readTimings(timings);
      resolve({
        firstOutput,
        connected,
        firstFrame: inProcess.find((l) => l.event === 'first-frame')?.ms,
        connectedInProcess: inProcess.find((l) => l.event === 'connected')?.ms,
      });
    });
  });
}

function readTimings(file) {
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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) =>
  `median ${median(xs).toFixed(0)} ms (range ${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;

await once(); // warm the page cache; not counted
const results = [];
for (let i = 0; i < runs; i++) results.push(await once());
console.log(
  `node ${process.version}, ${runs} cold runs of aks-runbook --demo in a pseudo-terminal`,
);
console.log(
  `first frame (in process, since process start): ${fmt(results.map((r) => r.firstFrame))}`,
);
console.log(
  `first output on the terminal (wall, since spawn): ${fmt(results.map((r) => r.firstOutput))}`,
);
console.log(
  `connected (in process, since process start):   ${fmt(results.map((r) => r.connectedInProcess))}`,
);
console.log(
  `connected seen (wall, since spawn):            ${fmt(results.map((r) => r.connected))}`,
);
