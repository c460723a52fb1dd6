// One client run of the latency bench, in a process of its own so the simulator's CPU is not
// counted as ours: connect, then every step inspected, either as the TUI does it (a session whose
// store the screens would render, in process, no terminal) or as the headless audit does it.
// Usage: node latency-client.mjs tui|audit CONNECTION_FILE; prints {"wallMs":…} on stdout. The bench runs
// it bundled as the CLI ships (bundledClient in latency.mjs), so the module load is the shipped one.
import { auditCluster } from '../../dist/src/cli/run-audit.js';
import { auditOptions } from '../../dist/src/cli/audit-args.js';
import { SessionStore } from '../../dist/src/runbook/session.js';
import { startSession } from '../../dist/src/runbook/start-session.js';

const [how, connection] = process.argv.slice(2);
const target = { simConnection: connection, cloud: 'AzureCloud', demo: false };
const settled = (s) => s.kind !== 'not-started' && s.kind !== 'running';

/** The TUI path: resolves once every step the checklist shows has been looked at. */
async function tui() {
  const store = new SessionStore({ readOnly: true, dryRun: false, demo: false });
  const session = await startSession(target, store, process.env);
  if (!session.host)
    throw new Error(`not connected: ${JSON.stringify(store.getState().connection)}`);
  await new Promise((resolve) => {
    const check = () => {
      if (Object.values(store.getState().steps).every(settled)) resolve();
    };
    store.subscribe(check);
    check();
  });
  const steps = Object.fromEntries(
    Object.entries(store.getState().steps).map(([id, s]) => [id, s.kind]),
  );
  return { steps, stop: () => session.stop() };
}

async function audit() {
  const options = auditOptions({ output: 'json', failOn: 'high' });
  const report = await auditCluster(target, options, process.env, () => undefined);
  const steps = Object.fromEntries(report.steps.map((s) => [s.id, s.status]));
  return { steps, stop: async () => undefined };
}

const started = performance.now();
const startedEpochMs = performance.timeOrigin + started;
// The monotonic clock of CPU profiles (µs), to place profile samples on the same timeline.
const startedHrUs = Number(process.hrtime.bigint() / 1000n);
// The CPU the run used (user + system): a shared machine's load moves it much less than wall time.
const cpuAtStart = process.cpuUsage();
// This thread's own CPU (process.cpuUsage adds every worker thread's); Node 23.9 and later.
const mainCpuAtStart = process.threadCpuUsage?.();
const run = await (how === 'tui' ? tui() : audit());
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuAtStart);
const cpuMs = (cpu.user + cpu.system) / 1000;
const mainCpu = mainCpuAtStart && process.threadCpuUsage(mainCpuAtStart);
const mainCpuMs = mainCpu ? (mainCpu.user + mainCpu.system) / 1000 : undefined;
await run.stop();
process.stdout.write(
  JSON.stringify({ wallMs, cpuMs, mainCpuMs, startedEpochMs, startedHrUs, steps: run.steps }) +
    '\n',
);
process.exit(0);
