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

/** One client run (`tui` or `audit`); resolves to its wall time, requests and bound. */
async function once(sim, file, how) {
  const before = sim.log.entries.length;
  const r = await timed(process.execPath, [join(here, 'latency-client.mjs'), how, file], {
    env: { ...process.env, XDG_STATE_HOME: tempDir('state') },
    stdout: 'pipe',
  });
  if (r.code !== 0) throw new Error(`${how} failed (exit ${r.code}): ${r.stderr.trim()}`);
  const { wallMs, steps } = JSON.parse(r.stdout);
  const served = sim.log.entries.slice(before);
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
  const sim = await startSimulator({
    scenario,
    speed: 10,
    faults: { latencyMs: LATENCY.kube, armLatencyMs: LATENCY.arm },
  });
  const file = join(tempDir('latency'), 'connection.json');
  writeFileSync(file, JSON.stringify(simConnectionOf(sim)), { mode: 0o600 });
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
