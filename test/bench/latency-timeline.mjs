// The latency bench's timeline, for finding where wall time goes: one client run against the
// simulator with the latency fault on, then every request (start/end relative to the client's
// start, its true dependency and how late it started after that dependency answered) and every gap
// in which no request was in flight. Not part of `npm run bench`; a diagnostic.
// Usage: npm run build && node test/bench/latency-timeline.mjs [demo|large] [tui|audit] [--cpu-prof DIR]
// [--unbundled] (the client as dist/src modules instead of bundled as shipped)
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { criticalPath, dependsOn } from './critical-path.mjs';
import { bundledClient, clientEnv, LATENCY, latencySimulator } from './latency.mjs';

const [scenario = 'demo', how = 'tui'] = process.argv.slice(2);
const profAt = process.argv.indexOf('--cpu-prof');
const profDir = profAt >= 0 ? process.argv[profAt + 1] : undefined;
const here = new URL('.', import.meta.url).pathname;

const client = process.argv.includes('--unbundled')
  ? join(here, 'latency-client.mjs')
  : await bundledClient();
const { sim, file } = await latencySimulator(scenario, 'timeline');
const dir = dirname(file);
const prof = profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [];
const launched = performance.now();
// Asynchronous so the simulator in this process keeps answering.
const child = await new Promise((resolve) => {
  const c = spawn(process.execPath, [...prof, client, how, file], {
    env: clientEnv(dir),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  c.stdout.on('data', (d) => (out += d));
  c.on('exit', (code) => resolve({ code, out }));
});
await sim.close();
rmSync(dir, { recursive: true, force: true });
if (child.code !== 0) throw new Error(`client failed: ${child.code}`);
const result = JSON.parse(child.out);
// The client's clock: epoch milliseconds of its run start; ours: performance.timeOrigin based.
const zero = result.startedEpochMs - performance.timeOrigin;
const rel = (t) => Math.round(t - zero);
const entries = sim.log.entries.filter((e) => e.startMs !== undefined && e.api !== 'none');
const rs = entries.sort((a, b) => a.startMs - b.startMs);
const lines = [
  `startedHrUs ${result.startedHrUs}`,
  `${scenario} ${how}: wall ${Math.round(result.wallMs)} ms (process launch to run start ${Math.round(zero - launched)} ms)`,
];
let inFlightUntil = 0;
for (let i = 0; i < rs.length; i++) {
  const e = rs[i];
  const s = rel(e.startMs);
  if (s > inFlightUntil + 2)
    lines.push(`  -- gap ${inFlightUntil}..${s} (${s - inFlightUntil} ms idle)`);
  inFlightUntil = Math.max(inFlightUntil, rel(e.endMs));
  let dep;
  for (let j = 0; j < i; j++)
    if (dependsOn(e, rs[j]) && (!dep || rs[j].endMs > dep.endMs)) dep = rs[j];
  const ready = dep ? rel(dep.endMs) : 0;
  const late = s - ready;
  lines.push(
    `${String(s).padStart(6)}-${String(rel(e.endMs)).padEnd(6)} ${e.api} ${e.method} ${e.path.replace(/^\/subscriptions\/.*\/managedClusters\/[^/]+/, '…')}${e.query ? e.query.slice(0, 50) : ''}  late ${late}${dep ? ` after #${rs.indexOf(dep)}` : ''}  #${i}`,
  );
}
lines.push(`  end ${Math.round(result.wallMs)}`);
const path = criticalPath(rs, LATENCY);
lines.push(`bound ${path.boundMs}, serial chain ${path.serialChainMs}, ${path.requests} requests`);
process.stdout.write(lines.join('\n') + '\n');
