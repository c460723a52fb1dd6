import { fileReason } from '../model/file-reason.js';
import { UserError } from '../model/errors.js';
import { recordAudit } from '../baseline/audit-record.js';
import { visible } from '../model/visible-text.js';
import { applyWaivers } from '../waivers/apply-waivers.js';
import { readWaivers, waiversPath, type WaiverSet } from '../waivers/waiver-file.js';
import { openBaseline, type BaselineSource } from '../baseline/baseline-source.js';
import { compareWithBaseline } from '../baseline/compare.js';
import type { AuditReport } from '../report/audit-schema.js';
import { rejudged } from '../report/exit-code.js';
import { DEFAULT_WAIVER_MAX_DAYS } from '../waivers/waiver-schema.js';
import type { AuditCommandOptions } from './audit-args.js';
import { auditClock } from './audit-clock.js';

// Kept importable from here (its first home); it lives apart so the TUI's first frame need not
// load the audit's gates (schemas, YAML) to read the clock.
export { auditClock };

/** What loosens or narrows an audit's verdict: waivers, a baseline, and the clock that judges them. */
export interface AuditGates {
  waivers?: WaiverSet;
  baseline?: BaselineSource;
  failOnNew: boolean;
  now: Date;
}

/**
 * Reads the waivers file and opens the baseline before any cluster is touched, so a wrong file
 * answers at once in one line (exit 2). `simulated`: every cluster audited is the simulator's.
 */
export async function openGates(
  options: AuditCommandOptions,
  env: NodeJS.ProcessEnv,
  simulated: boolean,
  cwd: string = process.cwd(),
): Promise<AuditGates> {
  const now = auditClock(env, simulated);
  const gates: AuditGates = { failOnNew: options.failOnNew === true, now };
  const file = await waiversPath(options.waivers, cwd);
  if (file !== undefined) {
    const maxDays = options.waiverMaxDays ?? DEFAULT_WAIVER_MAX_DAYS;
    gates.waivers = await readWaivers(file, { now, maxDays });
  }
  if (options.baseline !== undefined) gates.baseline = await openBaseline(options.baseline, env);
  return gates;
}

/** One cluster's report with the gates applied: waivers marked, changes against the baseline, verdict again. */
export async function gateReport(report: AuditReport, gates: AuditGates): Promise<AuditReport> {
  let gated = gates.waivers ? applyWaivers(report, gates.waivers, gates.now) : report;
  if (gates.baseline) {
    const match = await gates.baseline.find(report.cluster);
    gated = compareWithBaseline(gated, match.report, match.source);
  }
  if (gates.failOnNew) gated = { ...gated, failOnNew: true };
  return rejudged(gated);
}

/**
 * Records the report as the cluster's last audit, for a later `--baseline last`. A record that
 * cannot be written is said on stderr and changes nothing else: the audit itself was done.
 */
export async function keepRecord(
  report: AuditReport,
  env: NodeJS.ProcessEnv,
  io: { err: (text: string) => void },
): Promise<void> {
  await recordAudit(report, env).catch((error: unknown) => {
    io.err(
      `aks-runbook: this audit was not recorded for --baseline last: ${visible(error instanceof UserError ? error.message : `${fileReason(error)}; check the path, its permissions and free disk space`)}\n`,
    );
  });
}
