// Real-world latency: connect → every step inspected, by the TUI's code path and by the headless
// audit, against the simulator with the latency fault on (ARM 150 ms, Kubernetes 30 ms a request).
// The client runs as a process of its own; the simulator here keeps the request log, from which
// critical-path.mjs derives the lower bound the wall time is compared with.
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startSimulator } from '../../dist/src/sim/simulator.js';
import { simConnectionOf } from '../../dist/src/sim/connection-file.js';
import { criticalPath } from './critical-path.mjs';
import { summary, tempDir, timed } from './lib.mjs';

const here = new URL('.', import.meta.url).pathname;
export const LATENCY = { arm: 150, kube: 30 };
const COMPILE_CACHE = join(here, '../../node_modules/.cache/node-compile-cache');

/** The simulator with the latency fault on, and its connection file for the client. */
export async function latencySimulator(scenario, tag) {
  const sim = await startSimulator({
    scenario,
    speed: 10,
    faults: { latencyMs: LATENCY.kube, armLatencyMs: LATENCY.arm },
  });
  const file = join(tempDir(tag), 'connection.json');
  writeFileSync(file, JSON.stringify(simConnectionOf(sim)), { mode: 0o600 });
  return { sim, file };
}

/**
 * `root`'s latency client bundled the way the CLI ships (esbuild, minified, production React): the
 * unbundled dist/src is ~1,800 modules whose load the shipped program never pays. Resolves to the
 * bundle's path. The folder is the same from run to run, as an installed CLI's is, so Node's
 * compile cache (which the CLI turns on) finds it again.
 */
export async function bundledClient(root = join(here, '../..')) {
  const tag = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const outdir = join(here, '../../node_modules/.cache/aks-bench', `latency-client-${tag}`);
  // Chunk names are content hashes: without this, old chunks pile up.
  rmSync(outdir, { recursive: true, force: true });
  const entry = join(root, 'test/bench/latency-client.mjs');
  // With `root`'s own bundle options: how a build bundles is part of what an A/B compares.
  const { esmBundleOptions } = await import(join(root, 'scripts/bundle-options.mjs'));
  await build({ ...esmBundleOptions({ 'latency-client': entry }, outdir), logLevel: 'error' });
  return join(outdir, 'latency-client.js');
}

/** A latency client's environment: its own state folder, and the compile cache as the installed
 * CLI has it (bin/aks-runbook.js turns it on). */
export const clientEnv = (stateDir) => ({
  NODE_COMPILE_CACHE: COMPILE_CACHE,
  ...process.env,
  XDG_STATE_HOME: stateDir,
});

/** Runs `client` (a latency-client.mjs) once; resolves to its report and the requests it sent. */
export async function clientRun(sim, file, client, how) {
  const before = sim.log.entries.length;
  const r = await timed(process.execPath, [client, how, file], {
    env: clientEnv(tempDir('state')),
    stdout: 'pipe',
  });
  if (r.code !== 0) throw new Error(`${client} ${how} failed (exit ${r.code}): ${r.stderr.trim()}`);
  return { ...JSON.parse(r.stdout), served: sim.log.entries.slice(before) };
}

/** One client run (`tui` or `audit`); resolves to its wall time, requests and bound. */
async function once(sim, file, client, how) {
  const { wallMs, steps, served } = await clientRun(sim, file, client, how);
  const path = criticalPath(served, LATENCY);
  return {
    wallMs,
    steps,
    kube: served.filter((e) => e.api === 'kube').length,
    arm: served.filter((e) => e.api === 'arm').length,
    ...path,
    ratio: wallMs / path.boundMs,
  };
}

/** Runs both paths `runs` times on `scenario`; resolves to medians and the last run's chain. */
export async function benchLatency(scenario, runs) {
  const { sim, file } = await latencySimulator(scenario, 'latency');
  const client = await bundledClient();
  try {
    const out = {};
    for (const how of ['tui', 'audit']) {
      const list = [];
      for (let i = 0; i < runs; i++) list.push(await once(sim, file, client, how));
      const pick = (key) => summary(list.map((r) => r[key]));
      out[how] = {
        wallMs: pick('wallMs'),
        boundMs: pick('boundMs'),
        serialChainMs: pick('serialChainMs'),
        ratio: pick('ratio'),
        kube: pick('kube'),
        arm: pick('arm'),
        steps: list.at(-1).steps,
        chain: list.at(-1).chain,
      };
    }
    return out;
  } finally {
    await sim.close();
  }
}
