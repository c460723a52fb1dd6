import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditMany } from '../../src/cli/run-audit-many.js';
import { AUDIT_STEPS } from '../../src/report/audit-steps.js';
import type { CombinedReport } from '../../src/report/combined-schema.js';
import { runSimCommand } from '../../src/sim/sim-command.js';
import type { Simulator } from '../../src/sim/simulator.js';
import { tempDir } from '../helpers/temp-dir.js';

// In-process, with no step modules (every step "not built"), to see what reaches stderr and when.

const dir = tempDir('audit-many-io-');
const stop = new AbortController();
let running: Promise<void>;
let sim: Simulator;
const clusters = join(dir, 'clusters.yaml');

beforeAll(async () => {
  let ready: (s: Simulator) => void = () => undefined;
  const up = new Promise<Simulator>((resolve) => (ready = resolve));
  running = runSimCommand(
    {
      scenario: 'minimal',
      kubeconfigOut: join(dir, 'sim.kubeconfig'),
      connectionOut: join(dir, 'sim.json'),
      signal: stop.signal,
      onReady: ready,
    },
    { write: () => undefined },
  );
  sim = await up;
  writeFileSync(
    clusters,
    '- simConnection: sim.json\n  label: first\n- simConnection: missing.json\n  label: second\n',
  );
});
afterAll(async () => {
  stop.abort();
  await running;
});

async function audit(progress: boolean) {
  let out = '';
  let err = '';
  const code = await runAuditMany(
    { kind: 'file', file: clusters, cloud: 'AzureCloud' },
    { steps: AUDIT_STEPS.map((s) => s.id), output: 'json', failOn: 'high' },
    { XDG_STATE_HOME: join(dir, 'state') },
    { out: (t) => (out += t), err: (t) => (err += t), progress },
    { modules: {} },
  );
  return { code, report: JSON.parse(out) as CombinedReport, err: err.trimEnd().split('\n') };
}

describe('runAuditMany', () => {
  it('on a terminal: which cluster of how many, then the problem line; elsewhere only the problem', async () => {
    const tty = await audit(true);
    expect(tty.code).toBe(2);
    expect(tty.err[0]).toBe('[1/2] first');
    expect(tty.err).toContain('[2/2] second');
    expect(tty.err.at(-1)).toMatch(/^aks-runbook: cluster second: unreachable: /);
    const piped = await audit(false);
    expect(piped.err).toEqual([expect.stringMatching(/^aks-runbook: cluster second: unreachable/)]);
    expect(piped.report.clusters.map((c) => c.outcome)).toEqual(['audited', 'unreachable']);
    expect(sim.log.writes()).toEqual([]);
  });
});
