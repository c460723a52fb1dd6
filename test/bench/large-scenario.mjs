// Measures a scenario's simulator start on the built code, in a fresh process:
// `npm run build && node test/bench/large-scenario.mjs [large|huge]`; prints one JSON line.
import { startSimulator } from '../../dist/src/sim/simulator.js';

const scenario = process.argv[2] ?? 'large';
const start = performance.now();
const sim = await startSimulator({ scenario, speed: 10 });
const ms = performance.now() - start;
const rssMb = process.memoryUsage().rss / 1024 / 1024;
const nodes = sim.kube.listNodes().length;
process.stdout.write(JSON.stringify({ scenario, startMs: ms, rssMb, nodes }) + '\n');
await sim.close();
process.exit(0);
