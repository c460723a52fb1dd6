import { writePrivateFile } from '../report/private-file.js';
import { FaultError, KIND_ADVICE, messageOf } from '../model/errors.js';
import { buildAuditReport } from '../report/audit-report.js';
import type { AuditReport } from '../report/audit-schema.js';
import { AUDIT_STEPS } from '../report/audit-steps.js';
import { inspectSteps } from '../runbook/audit-inspect.js';
import { renderAuditPieces } from '../report/render.js';
import type { StepId } from '../model/checklist.js';
import type { SessionMode } from '../model/session.js';
import { connectTarget, type ReachedTarget } from '../runbook/connect-target.js';
import { lazyRegistry } from '../runbook/lazy-registry.js';
import { asUserError } from '../runbook/start-session.js';
import type { AuditedStep } from '../runbook/audit-inspect.js';
import type { TargetOptions } from '../target/options.js';
import { earlyReadsOf } from '../runbook/early-reads.js';
import type { AuditCommandOptions } from './audit-args.js';
import { packageVersion } from './version.js';
import { visible } from '../model/visible-text.js';
import { boundsFromEnv, waitLine } from '../model/bounds.js';

/** Where the audit writes: the report to `out`, progress to `err` only when `progress` is on. */
export interface AuditIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** stderr is a terminal: show progress there. */
  progress: boolean;
}

/** Test seams: the step modules to run (default: every built step). */
export interface AuditDeps {
  modules?: Partial<Record<StepId, AuditedStep>>;
}

/**
 * `aks-runbook audit`: connects, runs every chosen step's read-only inspection, prints the report
 * and resolves to the exit code (0 pass, 1 findings at or above --fail-on, 2 could not audit).
 */
export async function runAudit(
  target: TargetOptions,
  options: AuditCommandOptions,
  env: NodeJS.ProcessEnv,
  io: AuditIo,
  deps: AuditDeps = {},
): Promise<number> {
  const say = progressLine(io);
  const { openGates, gateReport, keepRecord } = await import('./audit-gates.js');
  const gates = await openGates(options, env, target.demo || target.simConnection !== undefined);
  const report = await gateReport(await auditCluster(target, options, env, say, deps), gates);
  await keepRecord(report, env, io);
  await deliverReport(renderAuditPieces(report, options.output), options, io, say);
  return report.exitCode;
}

/** Writes progress lines to stderr only when it is a terminal (names in them shown visibly). */
export function progressLine(io: AuditIo): (line: string) => void {
  return (line) => {
    if (io.progress) io.err(`${visible(line)}\n`);
  };
}

/**
 * Audits one cluster: connects (a failure is a one-line `UserError`), runs the chosen steps'
 * read-only inspections and builds its version 1 report. A simulator started for it is stopped.
 */
export async function auditCluster(
  target: TargetOptions,
  options: AuditCommandOptions,
  env: NodeJS.ProcessEnv,
  say: (line: string) => void,
  deps: AuditDeps = {},
): Promise<AuditReport> {
  // The audit is read-only by construction: no step gets a way to ask, and no action is offered.
  const mode: SessionMode = { readOnly: true, dryRun: false, demo: target.demo };
  const startedAt = new Date();
  // The whole audit has a time limit: when it runs out every request in flight ends, and the
  // steps not finished are reported as holes (exit 2), never as passes.
  const limitMs = options.timeoutMs ?? boundsFromEnv(env).auditMs;
  const deadline = AbortSignal.timeout(limitMs);
  // The step modules load while connect waits on the network (they are most of the program),
  // once its first requests are out.
  const registry = lazyRegistry();
  const steps = AUDIT_STEPS.filter((s) => options.steps.includes(s.id));
  let reached: ReachedTarget;
  try {
    reached = await connectTarget(target, {
      env,
      mode,
      onProgress: say,
      onWait: (wait) => say(waitLine(wait)),
      deadline,
      // Our own step modules' reads only (a test's stand-ins make none of them).
      ...(deps.modules
        ? {}
        : {
            onRequestsOut: registry.start,
            earlyReads: (withArm: boolean) =>
              earlyReadsOf(
                steps.map((s) => s.id),
                withArm,
              ),
          }),
    });
  } catch (error) {
    throw asUserError(error);
  }
  try {
    const modules = deps.modules ?? (await registry.loaded()).STEP_MODULES;
    const reports = await inspectSteps({
      connection: reached.connection,
      modules,
      steps,
      mode,
      deadline: { signal: deadline, ms: limitMs },
      onStep: (step, phase, report) =>
        say(phase === 'start' ? `… ${step.id}` : `  ${step.id}: ${report?.status ?? ''}`),
    });
    return buildAuditReport({
      connection: reached.connection,
      steps: reports,
      failOn: options.failOn,
      version: packageVersion(),
      simulated: target.demo || target.simConnection !== undefined,
      startedAt,
      finishedAt: new Date(),
    });
  } finally {
    await reached.sim?.close();
  }
}

/**
 * Prints the rendered report, or writes it to `--out` and says so on a terminal; given in pieces,
 * it is written piece by piece.
 */
export async function deliverReport(
  text: string | Iterable<string>,
  options: AuditCommandOptions,
  io: AuditIo,
  say: (line: string) => void,
): Promise<void> {
  if (!options.out) {
    for (const piece of typeof text === 'string' ? [text] : text) io.out(piece);
    return;
  }
  await writePrivateFile(options.out, text).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code ?? messageOf(error).split('\n')[0]!;
    throw new FaultError(
      'local-io',
      `cannot write the report to ${options.out} (${code}); ${KIND_ADVICE['local-io']}`,
    );
  });
  say(`Report written to ${options.out}`);
}
