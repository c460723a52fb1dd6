import type { StepEventShape } from '../contract/view.js';
import {
  CANCELLED,
  DRY_RUN,
  READ_ONLY,
  STILL_RUNNING,
  type Change,
  type ChangeEnd,
} from './change.js';
import type { StepRun } from './step-session.js';

/**
 * The one way a change runs, for every step: the plan on screen; in read-only mode nothing; while
 * another change of the step runs nothing (an abort excepted); the preflight (a refusal ends it);
 * the operator's confirmation, the same in a dry run, marked as one (no ends it); in dry-run mode
 * an ARM change then ends shown and journaled, a Kubernetes change with a preflight ends (the
 * preflight was its dry run), any other one runs as dry runs by the wire; the run, as the
 * session's running work; a fresh look; the result, and the status "changed" when it changed
 * something.
 */
export async function runChange<Outcome, Facts, State, Event extends StepEventShape>(
  run: StepRun<Facts, State, Event>,
  change: Change<Outcome, Facts>,
): Promise<ChangeEnd> {
  const { ctx, mode } = run;
  if (mode.readOnly) {
    ctx.show({ result: READ_ONLY });
    return 'read-only';
  }
  if (run.working && !change.whileBusy) {
    ctx.show({ result: STILL_RUNNING });
    return 'busy';
  }
  const lines: string[] = [];
  const progress = (line: string): void => {
    lines.push(line);
    ctx.show({ progress: [...lines] });
  };
  ctx.show({
    ...(change.plan ? { plan: change.plan } : {}),
    progress: undefined,
    result: undefined,
  });
  if (change.preflight) {
    const preflight = change.preflight;
    const refusals = await run.work.run((signal) => preflight(progress, signal));
    if (refusals.length > 0) {
      ctx.show({ result: change.refused?.(refusals) ?? refusals });
      return 'refused';
    }
  }
  // Asked in every mode that may change something, dry run included (the session marks it).
  if (change.confirm && !(await ctx.confirm(change.confirm))) {
    ctx.show({ result: change.cancelled ?? CANCELLED });
    return 'cancelled';
  }
  if (mode.dryRun && change.wire === 'arm') {
    await ctx.journal.note(ctx.id, `dry run: ${change.what} shown, not sent`, change.dryRunDetail);
    ctx.show({ result: change.dryRun ?? DRY_RUN });
    return 'dry-run';
  }
  // A Kubernetes change with a preflight: in a dry run the preflight was the whole change.
  if (mode.dryRun && change.preflight) {
    ctx.show({ result: change.dryRun ?? DRY_RUN });
    return 'dry-run';
  }
  const outcome = await run.work.run((signal) => change.run(progress, signal));
  const finish = (): string | undefined => {
    const { changed, failed, ...shown } = change.done(outcome, run.facts);
    run.again = failed ? change.again : undefined;
    // A failure stays on screen (above any later result) and in the status until seen.
    const unseen = run.unseenFailure;
    if (failed) run.unseenFailure = { what: change.what, lines: shown.result };
    else if (unseen) shown.result = [...unseen.lines, '', ...shown.result];
    ctx.show(shown);
    run.publish();
    return changed;
  };
  let changed: string | undefined;
  if (change.verify === 'after') {
    changed = finish();
    await run.look();
  } else {
    if (change.verify !== false) await run.look();
    changed = finish();
  }
  if (run.unseenFailure) ctx.status({ kind: 'failed', what: run.unseenFailure.what });
  else if (changed) ctx.status({ kind: 'changed', what: changed });
  return 'done';
}
