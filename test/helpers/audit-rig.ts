// A simulator with an interceptor of our own in front of its routes (to inject faults the
// simulator has no switch for), and `aks-runbook audit` run in-process against it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAudit } from '../../src/cli/run-audit.js';
import type { AuditCommandOptions } from '../../src/cli/audit-args.js';
import type { AuditReport } from '../../src/report/audit-schema.js';
import { AUDIT_STEPS } from '../../src/report/audit-steps.js';
import type { FaultSpec } from '../../src/sim/faults.js';
import { simConnectionOf } from '../../src/sim/connection-file.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import type { Interceptor } from '../../src/sim/server.js';
import { tempDir } from './temp-dir.js';

export interface Rig {
  sim: Simulator;
  /** The `--sim-connection` file. */
  file: string;
  /** Puts `i` in front of every other interceptor (and of the routes). */
  intercept(i: Interceptor): void;
}

/** A simulator of `scenario` and a connection file for `--sim-connection`. */
export async function rig(scenario = 'demo', faults: FaultSpec = {}, speed = 1): Promise<Rig> {
  const sim = await startSimulator({ scenario, speed, faults });
  const file = join(tempDir('fault-'), 'sim.json');
  writeFileSync(file, JSON.stringify(simConnectionOf(sim)), { mode: 0o600 });
  const https = (sim as unknown as { https: { interceptors: Interceptor[] } }).https;
  return { sim, file, intercept: (i) => https.interceptors.unshift(i) };
}

/** What the in-process audit gave: exit code, report (JSON output only), stdout and stderr. */
export interface Audited {
  code: number;
  report: AuditReport;
  out: string;
  err: string;
}

/** `aks-runbook audit --sim-connection FILE` in-process (JSON unless `output` says otherwise). */
export async function audit(
  file: string,
  more: Partial<Omit<AuditCommandOptions, 'steps'>> & {
    steps?: string[];
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<Audited> {
  let out = '';
  let err = '';
  const { steps, env, ...options } = more;
  const output = options.output ?? 'json';
  const code = await runAudit(
    { cloud: 'AzureCloud', demo: false, simConnection: file },
    {
      steps: (steps ?? AUDIT_STEPS.map((s) => s.id)) as AuditCommandOptions['steps'],
      failOn: 'high',
      ...options,
      output,
    },
    { XDG_STATE_HOME: tempDir('fault-state-'), ...(env ?? {}) },
    { out: (t) => (out += t), err: (t) => (err += t), progress: true },
  );
  const report = output === 'json' ? (JSON.parse(out) as AuditReport) : (undefined as never);
  return { code, report, out, err };
}

/** One line per step: id, status, error kind, reason, finding ids (for a failure message). */
export function view(r: AuditReport): string[] {
  return r.steps.map(
    (s) =>
      `${s.id}: ${s.status}${s.errorKind ? ` (${s.errorKind})` : ''} ${s.reason ?? ''} [${s.findings.map((f) => `${f.id}/${f.severity}`).join(', ')}]`,
  );
}
