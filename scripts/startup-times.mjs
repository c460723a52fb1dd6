// Start-up of the ways to run aks-runbook, side by side: `node scripts/startup-times.mjs [runs]`
// after `npm run build` and `npm run package`. Each run is a cold process with an empty PATH; the
// kinds alternate so a busy machine slows them alike. Prints medians (and the fastest run) in
// milliseconds of wall time: `--version`, and the first frame of `--demo` in a pseudo-terminal
// (util-linux `script`): its first output, which is that frame.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 9);
const bin = join(root, 'bin/aks-runbook.js');
const sea = join(root, 'dist/sea/aks-runbook');
const node24 = join(root, 'node_modules/node/bin/node');
const kinds = { 'npm bundle, Node 24': `${node24} ${bin}`, 'single executable': sea };
const old = ['/usr/local/bin/node', '/usr/bin/node'].find(
  (n) =>
    existsSync(n) && Number(execFileSync(n, ['-p', 'process.versions.node.split(".")[0]'])) < 22,
);
if (old) kinds[`bin on ${old} (relaunch)`] = `${old} ${bin}`;
if (!existsSync(sea)) throw new Error(`${sea} is missing: run "npm run package" first`);

function versionMs(command) {
  const [exe, ...args] = command.split(' ');
  const started = performance.now();
  spawnSync(exe, [...args, '--version'], { env: { PATH: '', HOME: tmpdir() } });
  return performance.now() - started;
}

/** Wall time from starting the command in a pseudo-terminal to its first output: the first frame. */
function firstFrameMs(command) {
  const dir = mkdtempSync(join(tmpdir(), 'startup-'));
  const env = `PATH= HOME=${dir} TERM=xterm-256color AKS_RUNBOOK_NO_AZURE_SIGNIN=1 NODE_DISABLE_COMPILE_CACHE=1`;
  const started = performance.now();
  const child = spawn('script', ['-qfec', `exec env -i ${env} ${command} --demo`, '/dev/null'], {
    env: { PATH: process.env.PATH, COLUMNS: '100', LINES: '30' },
  });
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`${command}: no output in 60 s`)), 60_000);
    let ms;
    child.stdout.on('data', () => {
      if (ms !== undefined) return;
      ms = performance.now() - started;
      child.stdin.write('q'); // the demo quits on q
    });
    child.on('exit', () => {
      clearTimeout(deadline);
      rmSync(dir, { recursive: true, force: true });
      resolve(ms);
    });
  });
}

const results = Object.fromEntries(Object.keys(kinds).map((k) => [k, { version: [], frame: [] }]));
for (let i = 0; i < runs; i++) {
  for (const [kind, command] of Object.entries(kinds)) {
    results[kind].version.push(versionMs(command));
    results[kind].frame.push(await firstFrameMs(command));
  }
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const show = (list) => `${Math.round(median(list))} (fastest ${Math.round(Math.min(...list))})`;
console.log(`${runs} runs each; milliseconds, median (fastest)`);
for (const [kind, r] of Object.entries(results)) {
  console.log(
    `${kind.padEnd(40)} --version ${show(r.version).padEnd(18)} first frame ${show(r.frame)}`,
  );
}
