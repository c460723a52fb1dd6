// Simulator start of a generated scenario, each run a fresh process (no warm caches of ours).
import { join } from 'node:path';
import { summary, timed } from './lib.mjs';

const here = new URL('.', import.meta.url).pathname;

/** Starts `scenario` `runs` times; resolves to start time, RSS and size. */
export async function benchSimStart(scenario, runs) {
  const list = [];
  for (let i = 0; i < runs; i++) {
    const r = await timed(process.execPath, [join(here, 'large-scenario.mjs'), scenario], {
      stdout: 'pipe',
    });
    if (r.code !== 0) throw new Error(`${scenario} simulator failed: ${r.stderr.trim()}`);
    list.push({ ...JSON.parse(r.stdout), peakRssMb: r.peakRssMb });
  }
  return {
    scenario,
    nodes: list[0].nodes,
    startMs: summary(list.map((r) => r.startMs)),
    rssMb: summary(list.map((r) => r.rssMb)),
    peakRssMb: summary(list.map((r) => r.peakRssMb)),
  };
}
