import { FaultError, KIND_ADVICE } from '../model/errors.js';
import { failureOf } from '../target/failure.js';
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
  /** The audit's time limit: every step it cuts short is a hole. */
  deadline?: { signal: AbortSignal; ms: number };
  /** Told when each step starts and ends (progress on stderr). */
  onStep?: (step: StepInfo, phase: 'start' | 'end', report?: StepReport) => void;
  now?: () => number;
}

/**
 * Runs each chosen step's own read-only inspection, all at once (their reads are independent and
 * shared, so none waits on another step's slow API); reports come back in the order of `steps`.
 * A step that throws is reported (unavailable, or forbidden when the cluster refused the read)
 * and the audit goes on.
 */
export async function inspectSteps(options: InspectStepsOptions): Promise<StepReport[]> {
  const now = options.now ?? Date.now;
  // Read-only inspections of one moment: each kind (pods, nodes, the ARM cluster) is read once.
  return options.connection.reads.batch(() =>
    Promise.all(
      options.steps.map(async (step) => {
        options.onStep?.(step, 'start');
        const report = await inspectOne(step, options, now);
        options.onStep?.(step, 'end', report);
        return report;
      }),
    ),
  );
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
    return {
      ...base,
      status: 'unavailable',
      reason: `${options.connection.armMissing} (or leave this step out with --steps)`,
      missing: missingOf(step),
      findings: [],
    };
  }
  const started = now();
  const durationMs = (): number => Math.max(0, Math.round(now() - started));
  const limit = options.deadline;
  if (limit?.signal.aborted) {
    return {
      ...base,
      status: 'unavailable',
      reason: `not started: the audit's time limit of ${limit.ms / 1000} s ran out before this step; ${KIND_ADVICE.timeout}`,
      errorKind: 'timeout',
      missing: missingOf(step),
      findings: [],
    };
  }
  try {
    const inspection = module.inspect({
      connection: options.connection,
      mode: options.mode,
      ...(limit ? { signal: limit.signal } : {}),
    });
    const seen = await (limit ? withinLimit(inspection, limit) : inspection);
    // The display `subject` only groups findings on screen; the report's `subject` is the
    // Entra principal ({kind, id, name}).
    // `confirmedBy` is always present in the report: null when the cluster did not confirm it.
    // A waiver mark is the session's, not the inspection's: the audit applies its own waivers.
    const findings = seen.findings.map(
      ({ subject: _subject, principal, waiver: _w, confirmedBy, ...f }) => ({
        ...f,
        step: step.id,
        ...(principal ? { subject: principal } : {}),
        confirmedBy: confirmedBy ?? null,
      }),
    );
    return {
      ...base,
      status: findings.length > 0 ? 'findings' : 'ok',
      durationMs: durationMs(),
      ...(seen.summary && seen.summary.length > 0 ? { summary: seen.summary } : {}),
      findings,
    };
  } catch (error) {
    const { kind, line } = failureOf(error, options.connection);
    return {
      ...base,
      status: kind === 'forbidden' ? 'forbidden' : 'unavailable',
      durationMs: durationMs(),
      reason: line,
      errorKind: kind,
      missing: missingOf(step),
      findings: [],
    };
  }
}

/** The inspection, or a timeout failure as soon as the audit's time limit runs out. */
function withinLimit<T>(work: Promise<T>, limit: { signal: AbortSignal; ms: number }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void =>
      reject(
        new FaultError(
          'timeout',
          `the audit's time limit of ${limit.ms / 1000} s ran out during this step; ${KIND_ADVICE.timeout}`,
        ),
      );
    limit.signal.addEventListener('abort', onAbort, { once: true });
    void work
      .then(resolve, reject)
      .finally(() => limit.signal.removeEventListener('abort', onAbort));
  });
}

/** What an unfinished step leaves unchecked: all it looks at. */
function missingOf(step: StepInfo): string {
  return `not checked: ${step.looksAt}`;
}
