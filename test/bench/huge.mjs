// Scale beyond `large` (run only with `--only huge`): the audit, and the drain and rbac steps'
// inspections (what opening those screens runs), on `large` and on `huge`, one process each:
// wall time, peak RSS and requests, and how each grew from `large` to `huge`.
import { join } from 'node:path';
import { startSim } from './audit.mjs';
import { tempDir, timed } from './lib.mjs';
import { HUGE, LARGE } from '../../dist/src/sim/scenarios/large.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/aks-runbook.js');
const WORK = [
  ['audit', []],
  ['drain screen', ['--steps', 'drain']],
  ['rbac screen', ['--steps', 'rbac']],
];

async function measure(scenario) {
  const started = performance.now();
  const { sim, connection, stop } = await startSim(scenario, 100);
  const startMs = performance.now() - started;
  const { subscriptionId, resourceGroup, name } = sim.arm;
  const out = { startMs };
  try {
    for (const [what, extra] of WORK) {
      const before = sim.log.entries.length;
      const r = await timed(
        process.execPath,
        [bin, 'audit', '--sim-connection', connection, '--subscription', subscriptionId].concat([
          '-g',
          resourceGroup,
          '-n',
          name,
          '--output',
          'json',
          ...extra,
        ]),
        { env: { ...process.env, XDG_STATE_HOME: tempDir('state') } },
      );
      if (r.code !== 0 && r.code !== 1) throw new Error(`${what} on ${scenario}: ${r.stderr}`);
      out[what] = {
        wallMs: r.wallMs,
        peakRssMb: r.peakRssMb,
        requests: sim.log.entries.length - before,
      };
    }
  } finally {
    await stop();
  }
  return out;
}

/** Runs both scenarios once; resolves to the figures and the table rows. */
export async function benchHuge() {
  const large = await measure('large');
  const huge = await measure('huge');
  const size = HUGE.pods / LARGE.pods;
  const grow = (a, b) => `${(b / a).toFixed(1)}x (size ${size}x)`;
  const rows = [
    [
      'huge simulator start',
      `${Math.round(huge.startMs)} ms`,
      `large ${Math.round(large.startMs)} ms`,
      '',
      undefined,
      grow(large.startMs, huge.startMs),
    ],
  ];
  for (const [what] of WORK) {
    const l = large[what];
    const h = huge[what];
    rows.push(
      [
        `huge ${what}: wall`,
        `${Math.round(h.wallMs)} ms`,
        `large ${Math.round(l.wallMs)} ms`,
        '<= linear',
        h.wallMs / l.wallMs <= size,
        grow(l.wallMs, h.wallMs),
      ],
      [
        `huge ${what}: peak RSS`,
        `${Math.round(h.peakRssMb)} MiB`,
        `large ${Math.round(l.peakRssMb)} MiB`,
        '<= linear',
        h.peakRssMb / l.peakRssMb <= size,
        grow(l.peakRssMb, h.peakRssMb),
      ],
      [
        `huge ${what}: requests`,
        `${h.requests}`,
        `large ${l.requests}`,
        '<= linear',
        h.requests / l.requests <= size,
        grow(l.requests, h.requests),
      ],
    );
  }
  return { sizes: { large: LARGE, huge: HUGE }, large, huge, rows };
}
