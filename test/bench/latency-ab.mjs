// The latency bench as an A/B comparison of two builds on a shared, loaded machine: the client of
// each checkout (its test/bench/latency-client.mjs and dist/, bundled as shipped) runs in turn against that checkout's
// own simulator (its dist/ too: how the simulator serves is part of what is compared) with the
// latency fault on, so both see the same load; prints medians and ratios to the bound.
// Usage: npm run build && node test/bench/latency-ab.mjs OTHER_CHECKOUT [runs] [demo,large] [tui,audit]
import { join, resolve } from 'node:path';
import { criticalPath } from './critical-path.mjs';
import { bundledClient, clientRun, LATENCY } from './latency.mjs';
import { median } from './lib.mjs';

const [other, runsArg = '5', scenariosArg = 'demo,large', howsArg = 'tui,audit'] =
  process.argv.slice(2);
if (!other) throw new Error('usage: latency-ab.mjs OTHER_CHECKOUT [runs] [scenarios] [tui,audit]');
const ours = resolve(new URL('../..', import.meta.url).pathname);
const sides = { A: resolve(other), B: ours };

async function once(sim, file, client, how) {
  const { wallMs, cpuMs, mainCpuMs, served } = await clientRun(sim, file, client, how);
  const path = criticalPath(served, LATENCY);
  return {
    wallMs,
    cpuMs: cpuMs ?? NaN,
    mainCpuMs: mainCpuMs ?? NaN,
    boundMs: path.boundMs,
    serial: path.serialChainMs,
    requests: path.requests,
  };
}

/** Each side's simulator, from its own checkout's bench helpers. */
const simulatorOf = async (root, scenario) =>
  (await import(join(root, 'test/bench/latency.mjs'))).latencySimulator(scenario, 'latency-ab');

// Each side's client, bundled as shipped from its own checkout's sources.
const clients = { A: await bundledClient(sides.A), B: await bundledClient(sides.B) };

for (const scenario of scenariosArg.split(',')) {
  const sims = { A: await simulatorOf(sides.A, scenario), B: await simulatorOf(sides.B, scenario) };
  try {
    for (const how of howsArg.split(',')) {
      const got = { A: [], B: [] };
      for (let i = 0; i < Number(runsArg); i++) {
        // Alternating, and each side first in turn, so neither always runs on a warmer machine.
        const order = i % 2 === 0 ? ['A', 'B'] : ['B', 'A'];
        for (const side of order) {
          const { sim, file } = sims[side];
          got[side].push(await once(sim, file, clients[side], how));
        }
      }
      for (const side of ['A', 'B']) {
        const m = (key) => median(got[side].map((r) => r[key]));
        const ratios = got[side].map((r) => (r.wallMs / r.boundMs).toFixed(2)).join(' ');
        process.stdout.write(
          `${scenario} ${how} ${side} (${sides[side]}): wall ${Math.round(m('wallMs'))} ms, bound ${m('boundMs')} ms, ratio ${(m('wallMs') / m('boundMs')).toFixed(2)}x [${ratios}], client CPU ${Math.round(m('cpuMs'))} ms (main thread ${Math.round(m('mainCpuMs'))} ms), serial chain ${m('serial')} ms, ${m('requests')} requests\n`,
        );
      }
      const b = median(got.B.map((r) => r.wallMs));
      const a = median(got.A.map((r) => r.wallMs));
      process.stdout.write(`${scenario} ${how}: B/A wall ${(b / a).toFixed(2)}\n`);
    }
  } finally {
    await Promise.all([sims.A.sim.close(), sims.B.sim.close()]);
  }
}
process.exit(0);
