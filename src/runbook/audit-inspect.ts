import { ApiException } from '@kubernetes/client-node';
import { isRestError } from '@azure/arm-containerservice';
import { messageOf, firstLine } from '../model/errors.js';
import type { StepId, StepInfo } from '../model/checklist.js';
import type { SessionMode } from '../model/session.js';
import type { InspectContext, Inspection } from '../steps/contract/module.js';
import type { Connection } from '../model/connection.js';
import type { StepReport } from '../report/audit-schema.js';

/** What the audit needs of a step: its read-only inspection, if it has one. */
export interface AuditedStep {
  inspect?(ctx: InspectContext): Promise<Inspection<unknown>>;
}

/** Options of `inspectSteps`. */
export interface InspectStepsOptions {
  connection: Connection;
  modules: Partial<Record<StepId, AuditedStep>>;
  steps: readonly StepInfo[];
  /** Always read-only in an audit; passed in so the caller states it. */
  mode: SessionMode;
  /** Told when each step starts and ends (progress on stderr). */
  onStep?: (step: StepInfo, phase: 'start' | 'end', report?: StepReport) => void;
  now?: () => number;
}

/**
 * Runs each chosen step's own read-only inspection, one after another. A step that throws is
 * reported (unavailable, or forbidden when the cluster refused the read) and the audit goes on.
 */
export async function inspectSteps(options: InspectStepsOptions): Promise<StepReport[]> {
  const now = options.now ?? Date.now;
  const reports: StepReport[] = [];
  // Read-only inspections of one moment: each kind (pods, nodes, the ARM cluster) is read once.
  await options.connection.reads.batch(async () => {
    for (const step of options.steps) {
      options.onStep?.(step, 'start');
      const report = await inspectOne(step, options, now);
      options.onStep?.(step, 'end', report);
      reports.push(report);
    }
  });
  return reports;
}

async function inspectOne(
  step: StepInfo,
  options: InspectStepsOptions,
  now: () => number,
): Promise<StepReport> {
  const base = { id: step.id, title: step.title };
  const module = options.modules[step.id];
  if (!module?.inspect) {
    return {
      ...base,
      status: 'not-built',
      reason: 'this version does not inspect this step yet',
      findings: [],
    };
  }
  if (step.needsArm && options.connection.armMissing) {
    return { ...base, status: 'unavailable', reason: options.connection.armMissing, findings: [] };
  }
  const started = now();
  const durationMs = (): number => Math.max(0, Math.round(now() - started));
  try {
    const seen = await module.inspect({ connection: options.connection, mode: options.mode });
    // `subject` only groups findings on screen; the report's schema has no such field.
    // `confirmedBy` is always present in the report: null when the cluster did not confirm it.
    // A waiver mark is the session's, not the inspection's: the audit applies its own waivers.
    const findings = seen.findings.map(({ subject: _subject, waiver: _w, confirmedBy, ...f }) => ({
      ...f,
      step: step.id,
      confirmedBy: confirmedBy ?? null,
    }));
    return {
      ...base,
      status: findings.length > 0 ? 'findings' : 'ok',
      durationMs: durationMs(),
      ...(seen.summary && seen.summary.length > 0 ? { summary: seen.summary } : {}),
      findings,
    };
  } catch (error) {
    return {
      ...base,
      status: isForbidden(error) ? 'forbidden' : 'unavailable',
      durationMs: durationMs(),
      reason: firstLine(messageOf(error)),
      findings: [],
    };
  }
}

/** Whether a failure is the cluster or Azure refusing the operator (403), not a breakage. */
function isForbidden(error: unknown): boolean {
  if (error instanceof ApiException && error.code === 403) return true;
  if (isRestError(error) && error.statusCode === 403) return true;
  // describeKubeError/describeArmError turn a 403 into this sentence.
  return (
    error instanceof Error && error.name === 'UserError' && /not allowed to/.test(error.message)
  );
}
