// `npm run bench`: aks-runbook side by side with its yardsticks (bare Ink, kubectl), each figure
// against its target. Prints a table and writes bench-results.json; never part of `npm test`.
// Usage: npm run bench [-- --runs 5] [-- --only startup,audit,drain,keys,sim,latency]
// `--only huge` runs the 5,000-node scenario (never by default: minutes and gigabytes).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { constants, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineLoad } from './lib.mjs';

// The bench's own temp directory (TMPDIR for it and every program it starts), removed at exit
// with all the aks-bench-* folders in it; a signal becomes an exit so that cleanup runs.
const ownTemp = mkdtempSync(join(tmpdir(), 'aks-bench-'));
process.env.TMPDIR = ownTemp;
process.on('exit', () => rmSync(ownTemp, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => process.exit(128 + constants.signals[signal]));
}

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const runs = Math.max(5, Number(flag('runs', 5)));
const only = new Set(flag('only', 'startup,audit,drain,keys,sim,latency').split(','));
// Production React, as the shipped program runs.
process.env.NODE_ENV ??= 'production';

const out = new URL('../../bench-results.json', import.meta.url).pathname;
const results = {
  node: process.version,
  cores: cpus().length,
  runs,
  loadBefore: machineLoad(),
  startedAt: new Date().toISOString(),
};
const rows = [];
const row = (figure, ours, base, target, ok, note = '') =>
  rows.push({
    figure,
    ours,
    base,
    target,
    verdict: ok === undefined ? '' : ok ? 'met' : 'MISSED',
    note,
  });
const ms = (x) => (x === undefined ? '-' : `${Math.round(x)} ms`);
const ratio = (a, b) => (a !== undefined && b ? a / b : undefined);
const x = (r) => (r === undefined ? '-' : `${r.toFixed(2)}x`);

async function section(name, work) {
  if (!only.has(name)) return;
  process.stderr.write(`bench: ${name} (${runs} runs a side, load ${machineLoad()})…\n`);
  try {
    results[name] = await work();
  } catch (error) {
    results[name] = { error: String(error?.message ?? error) };
    row(name, 'failed', '', '', false, results[name].error.slice(0, 60));
  }
}

await section('startup', async () => {
  const { benchStartup } = await import('./startup.mjs');
  const s = await benchStartup(runs);
  const r = ratio(s.firstFrameMs.median, s.helloFirstFrameMs.median);
  row(
    'first frame, cold (in process)',
    ms(s.firstFrameMs.median),
    `hello ${ms(s.helloFirstFrameMs.median)}`,
    '<= 0.5x',
    r <= 0.5,
    x(r),
  );
  const warm = ratio(s.warmFirstFrameMs.median, s.helloWarmFirstFrameMs.median);
  row(
    'first frame, compile cache warm',
    ms(s.warmFirstFrameMs.median),
    `hello ${ms(s.helloWarmFirstFrameMs.median)}`,
    '<= 0.5x',
    warm <= 0.5,
    `${x(warm)}; each side its own cache (the bin keeps one; starts after the first)`,
  );
  row(
    'first frame floor: the hello bundled as we bundle',
    ms(s.floorFirstFrameMs.median),
    `hello ${ms(s.helloFirstFrameMs.median)}`,
    '',
    undefined,
    `${x(ratio(s.floorFirstFrameMs.median, s.helloFirstFrameMs.median))} cold, ${x(
      ratio(s.floorWarmFirstFrameMs.median, s.helloWarmFirstFrameMs.median),
    )} warm: React, Ink and Yoga alone`,
  );
  row(
    'first frame, CPU time to it (cold)',
    ms(s.firstFrameCpuMs.median),
    `hello ${ms(s.helloFirstFrameCpuMs.median)}`,
    '',
    undefined,
    `${x(ratio(s.firstFrameCpuMs.median, s.helloFirstFrameCpuMs.median))}; floor ${x(
      ratio(s.floorFirstFrameCpuMs.median, s.helloFirstFrameCpuMs.median),
    )} (less moved by load than wall time)`,
  );
  row(
    'first output (wall)',
    ms(s.firstOutputMs.median),
    `hello ${ms(s.helloFirstOutputMs.median)}`,
    '',
    undefined,
    x(ratio(s.firstOutputMs.median, s.helloFirstOutputMs.median)),
  );
  row('connected (in process)', ms(s.connectedMs.median), '', '', undefined);
  return { ...s, firstFrameRatio: r, warmFirstFrameRatio: warm };
});

await section('audit', async () => {
  if (!existsSync('/usr/bin/kubectl')) throw new Error('/usr/bin/kubectl is not installed');
  const { benchAudit } = await import('./audit.mjs');
  const a = await benchAudit(runs);
  const r = ratio(a.ours.wallMs.median, a.kubectl.wallMs.median);
  const o = a.ours;
  const sameObjects = o.sameObjectRequests.median;
  row(
    'audit large: wall',
    ms(o.wallMs.median),
    `kubectl ${ms(a.kubectl.wallMs.median)}`,
    '<= 1.3x',
    r <= 1.3,
    x(r),
  );
  // Like for like: our lists of the kinds kubectl is asked for against all of kubectl's requests
  // (its discovery included). What kubectl get never does is counted apart on the next row.
  row(
    "audit large: requests for kubectl's kinds",
    `${sameObjects}`,
    `kubectl ${a.kubectl.kubeRequests.median}`,
    '<= kubectl',
    sameObjects <= a.kubectl.kubeRequests.median,
    'lists of nodes, pods, namespaces, RBAC, NetworkPolicies, PDBs, every page',
  );
  row(
    'audit large: requests, all',
    `${o.kubeRequests.median + o.armRequests.median + o.graphRequests.median}`,
    '',
    '',
    undefined,
    `besides those: ${o.accessReviews.median} SubjectAccessReviews (the API server confirming RBAC findings), ${o.graphRequests.median} Graph (names), ${o.armRequests.median} ARM, ${o.otherKubeRequests.median} other kube (other kinds, discovery, metrics)`,
  );
  row(
    'audit large: peak RSS',
    `${Math.round(a.ours.peakRssMb.median)} MiB`,
    `kubectl ${Math.round(a.kubectl.peakRssMb.median)} MiB`,
    '<= 250 MiB',
    a.ours.peakRssMb.median <= 250,
    a.ours.cpuS.median === undefined
      ? ''
      : `CPU ${a.ours.cpuS.median.toFixed(2)} s (kubectl ${a.kubectl.cpuS.median.toFixed(2)} s)`,
  );
  return { ...a, wallRatio: r };
});

await section('drain', async () => {
  if (!existsSync('/usr/bin/kubectl')) throw new Error('/usr/bin/kubectl is not installed');
  const { benchDrain } = await import('./drain.mjs');
  const d = await benchDrain(runs);
  const wall = ratio(d.ours.wallMs.median, d.kubectl.wallMs.median);
  const inProcess = ratio(d.ours.drainMs.median, d.kubectl.wallMs.median);
  row(
    `drain ${d.pods} pods: wall`,
    ms(d.ours.wallMs.median),
    `kubectl ${ms(d.kubectl.wallMs.median)}`,
    '<= 1.05x',
    wall <= 1.05,
    x(wall),
  );
  row(
    `drain ${d.pods} pods: runner only`,
    ms(d.ours.drainMs.median),
    `kubectl ${ms(d.kubectl.wallMs.median)}`,
    '',
    undefined,
    x(inProcess),
  );
  return { ...d, wallRatio: wall, runnerRatio: inProcess };
});

await section('keys', async () => {
  const { benchKeys } = await import('./keys.mjs');
  const k = await benchKeys(Math.max(20, runs));
  for (const list of ['nodes', 'pods', 'bindings']) {
    // "At any load": the verdict is on the slowest key of the run, the median is shown beside it.
    const key = k[list].keyMs.max;
    row(
      `↓ on ${k.rows} ${list} (slowest key)`,
      ms(key),
      '',
      '<= 16 ms',
      key <= 16,
      `median ${ms(k[list].keyMs.median)}, first ${ms(k[list].firstRenderMs)}, load ${k[list].load}`,
    );
  }
  return k;
});

await section('sim', async () => {
  const { benchSimStart } = await import('./sim-start.mjs');
  const s = await benchSimStart('large', runs);
  row(
    'large simulator start',
    ms(s.startMs.median),
    '',
    '<= 1500 ms',
    s.startMs.median <= 1500,
    `${Math.round(s.rssMb.median)} MiB RSS, ${s.nodes} nodes`,
  );
  return s;
});

await section('latency', async () => {
  const { benchLatency, LATENCY } = await import('./latency.mjs');
  const out = {};
  for (const scenario of ['demo', 'large']) {
    const l = await benchLatency(scenario, scenario === 'large' ? Math.min(runs, 3) : runs);
    for (const how of ['tui', 'audit']) {
      const r = l[how];
      row(
        `${scenario} ${how === 'tui' ? 'connect+inspect all (TUI path)' : 'audit'}, ARM ${LATENCY.arm}/kube ${LATENCY.kube} ms`,
        ms(r.wallMs.median),
        `bound ${ms(r.boundMs.median)}`,
        '<= 1.5x bound',
        r.ratio.median <= 1.5,
        `${x(r.ratio.median)}; ${r.kube.median + r.arm.median} requests; serial chain ${ms(r.serialChainMs.median)}`,
      );
    }
    out[scenario] = l;
  }
  return out;
});

await section('huge', async () => {
  const { benchHuge } = await import('./huge.mjs');
  const h = await benchHuge();
  for (const r of h.rows) row(...r);
  return h;
});

results.loadAfter = machineLoad();
results.table = rows;
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');

const cols = ['figure', 'ours', 'base', 'target', 'verdict', 'note'];
const head = {
  figure: 'figure',
  ours: 'aks-runbook',
  base: 'yardstick',
  target: 'target',
  verdict: 'verdict',
  note: 'ratio / note',
};
const width = Object.fromEntries(
  cols.map((c) => [c, Math.max(...[head, ...rows].map((r) => String(r[c]).length))]),
);
const line = (r) =>
  cols
    .map((c) => String(r[c]).padEnd(width[c]))
    .join('  ')
    .trimEnd();
process.stdout.write(
  [
    `node ${results.node}, ${results.cores} cores, median of ${runs} alternating runs a side, load ${results.loadBefore} -> ${results.loadAfter}`,
    line(head),
    ...rows.map(line),
    `written to ${out}`,
    '',
  ].join('\n'),
);
