// Real-world latency: connect → every step inspected, by the TUI's code path and by the headless
// audit, against the simulator with the latency fault on (ARM 150 ms, Kubernetes 30 ms a request).
// The client runs as a process of its own; the simulator here keeps the request log, from which
// critical-path.mjs derives the lower bound the wall time is compared with.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../../dist/src/sim/simulator.js';
import { simConnectionOf } from '../../dist/src/sim/connection-file.js';
import { criticalPath } from './critical-path.mjs';
import { summary, tempDir, timed } from './lib.mjs';

const here = new URL('.', import.meta.url).pathname;
export const LATENCY = { arm: 150, kube: 30 };

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

/** Runs `client` (a latency-client.mjs) once; resolves to its report and the requests it sent. */
export async function clientRun(sim, file, client, how) {
  const before = sim.log.entries.length;
  const r = await timed(process.execPath, [client, how, file], {
    env: { ...process.env, XDG_STATE_HOME: tempDir('state') },
    stdout: 'pipe',
  });
  if (r.code !== 0) throw new Error(`${client} ${how} failed (exit ${r.code}): ${r.stderr.trim()}`);
  return { ...JSON.parse(r.stdout), served: sim.log.entries.slice(before) };
}

/** One client run (`tui` or `audit`); resolves to its wall time, requests and bound. */
async function once(sim, file, how) {
  const { wallMs, steps, served } = await clientRun(
    sim,
    file,
    join(here, 'latency-client.mjs'),
    how,
  );
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
  try {
    const out = {};
    for (const how of ['tui', 'audit']) {
      const list = [];
      for (let i = 0; i < runs; i++) list.push(await once(sim, file, how));
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
