import type { Severity } from '../model/finding.js';
import { UserError } from '../model/errors.js';
import { waiverMaxDays } from './root-flags.js';
import { secondsToMs } from '../model/bounds.js';
import { AUDIT_STEPS } from '../report/audit-steps.js';
import type { AuditFormat } from '../report/formats.js';
import type { StepId } from '../model/checklist.js';

/** Options of `aks-runbook audit` besides the target. */
export interface AuditCommandOptions {
  /** Steps to run, in checklist order; all audit steps when not given. */
  steps: StepId[];
  output: AuditFormat;
  failOn: Severity;
  out?: string;
  /** `--waivers FILE`; else `.aks-runbook/waivers.yaml` when present. */
  waivers?: string;
  /** `--waiver-max-days`: how far ahead a waiver may expire (default 180). */
  waiverMaxDays?: number;
  /** `--baseline FILE|last`. */
  baseline?: string;
  /** `--fail-on-new`: only findings the baseline did not have count for `failOn`. */
  failOnNew?: boolean;
  /** `--timeout`: the whole audit's time limit (else `AKS_RUNBOOK_AUDIT_TIMEOUT`, else 600 s). */
  timeoutMs?: number;
}

/** Options of `aks-runbook journal …`. */
export type JournalCommandOptions =
  | { action: 'list' }
  | { action: 'show'; session: string }
  | { action: 'export'; session: string; format: 'markdown' | 'json'; out?: string };

/** The audit's own flags as commander hands them over. */
export interface AuditFlags {
  steps?: string;
  output: AuditFormat;
  failOn: Severity;
  out?: string;
  waivers?: string;
  waiverMaxDays?: string;
  baseline?: string;
  failOnNew?: boolean;
  timeout?: string;
}

/** `journal export` flags as commander hands them over. */
export interface JournalFlags {
  format?: 'markdown' | 'json';
  out?: string;
}

/** Checks the audit flags; an unknown step id is one line naming the ones that exist. */
export function auditOptions(flags: AuditFlags): AuditCommandOptions {
  const known = AUDIT_STEPS.map((s) => s.id);
  let steps: StepId[] = [...known];
  if (flags.steps !== undefined) {
    const asked = flags.steps
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const unknown = asked.filter((id) => !known.includes(id as StepId));
    if (asked.length === 0 || unknown.length > 0) {
      throw new UserError(
        `--steps: ${unknown.length > 0 ? `no step "${unknown.join('", "')}"` : 'name at least one step'}; the steps are ${known.join(', ')}`,
      );
    }
    steps = known.filter((id) => asked.includes(id));
  }
  const options: AuditCommandOptions = { steps, output: flags.output, failOn: flags.failOn };
  if (flags.out !== undefined) options.out = flags.out;
  if (flags.waivers !== undefined) options.waivers = flags.waivers;
  if (flags.waiverMaxDays !== undefined) options.waiverMaxDays = waiverMaxDays(flags.waiverMaxDays);
  if (flags.baseline !== undefined) options.baseline = flags.baseline;
  if (flags.timeout !== undefined) options.timeoutMs = secondsToMs(flags.timeout, '--timeout');
  if (flags.failOnNew === true) {
    if (flags.baseline === undefined) {
      throw new UserError(
        '--fail-on-new compares with a baseline: add --baseline FILE or --baseline last',
      );
    }
    options.failOnNew = true;
  }
  return options;
}

/** The options of `journal show` and `journal export`. */
export function journalOptions(
  action: 'show' | 'export',
  session: string,
  flags: JournalFlags,
): JournalCommandOptions {
  if (action === 'show') return { action, session };
  const options: JournalCommandOptions = { action, session, format: flags.format ?? 'markdown' };
  if (flags.out !== undefined) options.out = flags.out;
  return options;
}
