// Measures the `large` scenario end to end on the built simulator: `npm run build && node test/bench/large-scenario.mjs`.
import { startSimulator } from '../../dist/src/sim/simulator.js';

const start = performance.now();
const sim = await startSimulator({ scenario: 'large', speed: 10 });
const ms = Math.round(performance.now() - start);
const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
console.log(
  `large scenario: simulator up with ${sim.kube.listNodes().length} nodes in ${ms} ms, RSS ${rss} MiB`,
);
await sim.close();
