import type { Severity } from '../checks/finding.js';
import { UserError } from '../errors.js';
import { AUDIT_STEPS } from '../report/audit-steps.js';
import type { AuditFormat } from '../report/render.js';
import type { StepId } from '../runbook/checklist.js';

/** Options of `aks-runbook audit` besides the target. */
export interface AuditCommandOptions {
  /** Steps to run, in checklist order; all audit steps when not given. */
  steps: StepId[];
  output: AuditFormat;
  failOn: Severity;
  out?: string;
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
